package io.customerinfo.core.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated histories of a few customers: every entity gets a series of upserts and deletes with
 * growing versions; children and orders move between customers; customers are deleted and re-created.
 */
public final class Worlds {

    public static final int CUSTOMERS = 3;
    /** A moment in June 2020 (Shanghai) to render at; orders fall in May, June and July. */
    public static final Instant NOW = Contract.GOLDEN_NOW;
    private static final long MAY_20 = Instant.parse("2020-05-20T00:00:00Z").getEpochSecond();

    private static final EntityKind[] KINDS = EntityKind.values();

    /** One change: which entity, upsert or delete, which owner, and a variant for the row's values. */
    public record Step(int kind, int entity, boolean delete, int owner, int variant) {
    }

    private Worlds() {
    }

    public static Arbitrary<List<ChangeEvent>> histories() {
        return recordHistories().map(Worlds::decode);
    }

    /** {@link #histories()} as the Kafka records (topic, key, value) that carry them. */
    public static Arbitrary<List<Contract.Record>> recordHistories() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, KINDS.length - 1),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 4).map(i -> i == 0),
                Arbitraries.integers().between(1, CUSTOMERS),
                Arbitraries.integers().between(0, 1000)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(80).map(Worlds::records);
    }

    /** Mostly orders, up to 30 per customer, for two customers: exercises the recent-orders prefix. */
    public static Arbitrary<List<ChangeEvent>> orderHeavyHistories() {
        return orderHeavyRecordHistories().map(Worlds::decode);
    }

    /** {@link #orderHeavyHistories()} as Kafka records. */
    public static Arbitrary<List<Contract.Record>> orderHeavyRecordHistories() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequency(net.jqwik.api.Tuple.of(1, 0), net.jqwik.api.Tuple.of(1, 1), net.jqwik.api.Tuple.of(12, 4)),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 6).map(i -> i == 0),
                Arbitraries.integers().between(1, 2),
                Arbitraries.integers().between(0, 1000)).as(Step::new);
        return step.list().ofMinSize(20).ofMaxSize(120).map(Worlds::records);
    }

    /** The steps as events, versions growing per entity in step order. */
    public static List<ChangeEvent> events(List<Step> steps) {
        return decode(records(steps));
    }

    /** The steps as Kafka records on the contract's topics, versions growing per entity in step order. */
    public static List<Contract.Record> records(List<Step> steps) {
        List<Contract.Record> records = new ArrayList<>();
        long version = 0;
        for (Step s : steps) {
            version++;
            EntityKind kind = KINDS[s.kind()];
            long id = kind == EntityKind.CUSTOMER ? 1 + s.entity() % CUSTOMERS : 1 + s.entity() + (kind == EntityKind.ORDER ? s.variant() % 5 * 6 : 0);
            long owner = kind == EntityKind.CUSTOMER ? id : s.owner();
            if (s.delete()) {
                records.add(WireEvents.delete(kind, id, owner, version));
                continue;
            }
            int v = s.variant();
            switch (kind) {
                case CUSTOMER -> {
                    Map<String, String> extra = new LinkedHashMap<>();
                    if (v % 3 == 0) {
                        extra.put("new_column_" + (v % 2), "x" + v);
                    }
                    records.add(WireEvents.customer(id, version, "客户 " + v, extra));
                }
                case CONTACT, ADDRESS, INVOICE -> records.add(WireEvents.child(kind, id, owner, version, v % 3 == 0, "row " + v));
                case ORDER -> {
                    long createdAt = MAY_20 + (v % 7) * 7 * 86400L + (v % 2) * 3600;
                    String amount = (v % 50) + "." + (v % 10) + (v % 7);
                    String paid = v % 4 == 0 ? amount : "0.10";
                    String status = v % 5 == 0 ? "cancelled" : "open";
                    records.add(WireEvents.order(id, owner, version, createdAt, amount, paid, status));
                }
            }
        }
        return records;
    }

    /** The records as the projector's decoder reads them; every one must decode. */
    public static List<ChangeEvent> decode(List<Contract.Record> records) {
        EventDecoder decoder = new EventDecoder();
        List<ChangeEvent> events = new ArrayList<>();
        for (Contract.Record r : records) {
            DecodeResult result = decoder.decode(r.topic(), r.key(), r.value());
            if (!(result instanceof DecodeResult.Decoded decoded)) {
                throw new IllegalStateException("a generated record does not decode: " + result + " "
                        + new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
            events.add(decoded.event());
        }
        return events;
    }

    /** The events shuffled, with some delivered more than once. */
    public static <T> List<T> shuffledWithDuplicates(List<T> events, Random random) {
        List<T> out = new ArrayList<>(events);
        int duplicates = random.nextInt(events.size() + 1);
        for (int i = 0; i < duplicates; i++) {
            out.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(out, random);
        return out;
    }

    /** The latest event of each entity (the one the document must reflect). */
    public static Map<String, ChangeEvent> latest(List<ChangeEvent> events) {
        Map<String, ChangeEvent> latest = new LinkedHashMap<>();
        for (ChangeEvent e : events) {
            latest.merge(e.kind().wireName() + ":" + e.id(), e, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return latest;
    }
}
