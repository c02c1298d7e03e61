package io.customerinfo.reference;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's rules, plain and slow: a test oracle for the projector, sharing no code with projection-core.
 *
 * <p>It takes raw Kafka records (topic, key bytes, value bytes), decides on its own which ones the contract
 * rejects, keeps the latest version of every entity (topic entity + id; a delete is kept as a tombstone
 * version, so an older upsert cannot resurrect it) and computes a customer's document from scratch, by
 * scanning every entity, each time one is asked for. Not thread-safe.
 */
public final class ReferenceModel {

    /** The contract's topics (README, "Input: change events on Kafka"). */
    public static final Map<String, String> CONTRACT_TOPICS = Map.of(
            "crm.customer", "customer", "crm.contact", "contact", "crm.address", "address",
            "crm.invoice", "invoice", "crm.order", "order");

    /** The contract's default zone for "the current calendar month". */
    public static final ZoneId CONTRACT_ZONE = ZoneId.of("Asia/Shanghai");

    private final RecordCheck check;
    private final ZoneId zone;
    private final Map<String, Change> latest = new HashMap<>();
    private final Set<String> customerIds = new TreeSet<>(Comparator.comparingLong(Long::parseLong));
    private final List<Rejection> rejected = new ArrayList<>();

    public ReferenceModel() {
        this(CONTRACT_TOPICS, CONTRACT_ZONE);
    }

    /** @param topics topic name to entity name ({@code customer}, {@code contact}, ...), as deployed */
    public ReferenceModel(Map<String, String> topics, ZoneId zone) {
        Map<String, Entity> entities = new HashMap<>();
        topics.forEach((topic, entity) -> {
            Entity e = Entity.ofWireName(entity);
            if (e == null) {
                throw new IllegalArgumentException("topic " + topic + ": no entity " + entity);
            }
            entities.put(topic, e);
        });
        this.check = new RecordCheck(entities);
        this.zone = zone;
    }

    /** Takes one record as the projector would read it from Kafka. */
    public Outcome accept(String topic, byte[] key, byte[] value) {
        RecordCheck.Verdict verdict = check.check(topic, key, value);
        if (verdict.isTombstone()) {
            return Outcome.TOMBSTONE;
        }
        if (verdict.change() == null) {
            rejected.add(new Rejection(topic, key, value, verdict.reason(), verdict.detail()));
            return Outcome.REJECTED;
        }
        Change change = verdict.change();
        customerIds.add(change.customerId());
        Change current = latest.get(change.entityKey());
        if (current != null && change.version() <= current.version()) {
            return Outcome.STALE;
        }
        latest.put(change.entityKey(), change);
        return Outcome.APPLIED;
    }

    /** Every record rejected so far, in the order received. */
    public List<Rejection> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /** Every customer id any accepted event named (live, deleted, or only the owner of a child), in ascending order. */
    public Set<String> customerIds() {
        return Collections.unmodifiableSet(customerIds);
    }

    /**
     * The customer's document as it must be served at {@code now}, with {@code _cache_at} = {@code now}'s epoch
     * second (as if the projector wrote it then); empty while the customer entity is absent or deleted.
     */
    public Optional<ObjectNode> document(String customerId, Instant now) {
        Change customer = latest.get(Entity.CUSTOMER.wireName() + ":" + customerId);
        if (customer == null || customer.isDelete()) {
            return Optional.empty();
        }
        return Optional.of(DocumentAssembly.assemble(customer, latest.values(), now, zone));
    }

    /** Ids of the customers that have a document now, in ascending order. */
    public List<String> liveCustomerIds() {
        List<String> live = new ArrayList<>();
        for (String id : customerIds) {
            Change customer = latest.get(Entity.CUSTOMER.wireName() + ":" + id);
            if (customer != null && !customer.isDelete()) {
                live.add(id);
            }
        }
        return live;
    }
}
