package io.customerinfo.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.readmodel.Months;
import io.customerinfo.reference.Json;
import io.customerinfo.reference.Outcome;
import io.customerinfo.reference.ReferenceModel;
import io.customerinfo.simulator.PoisonKind;
import io.customerinfo.simulator.SimRecord;
import io.customerinfo.simulator.Simulation;
import io.customerinfo.simulator.SimulationConfig;
import io.customerinfo.simulator.Topics;

/**
 * One simulated CRM world on its own topics, published in slices, and what the projector must make of the
 * slices published so far: the {@link ReferenceModel} of the same records (the oracle: the contract's rules,
 * written apart from projection-core), the core's whole-world {@link Projection} of them (which must agree),
 * the poison records (exactly what the dead-letter topics must hold) and the tombstones (skipped).
 */
final class World {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Topics topics;
    private final List<SimRecord> records;
    private final EventDecoder decoder;
    private final Projection reference = new Projection(ZONE);
    private final ReferenceModel oracle;
    private final List<SimRecord> poisonSent = new ArrayList<>();
    private int published;
    private long tombstonesSent;
    private long validSent;

    World(Topics topics, SimulationConfig config) {
        this.topics = topics;
        this.records = Simulation.generate(config).records();
        this.decoder = new EventDecoder(Map.of(
                topics.customer(), EntityKind.CUSTOMER, topics.contact(), EntityKind.CONTACT,
                topics.address(), EntityKind.ADDRESS, topics.invoice(), EntityKind.INVOICE,
                topics.order(), EntityKind.ORDER), EventDecoder.DEFAULT_MAX_VALUE_BYTES);
        this.oracle = new ReferenceModel(Map.of(topics.customer(), "customer", topics.contact(), "contact",
                topics.address(), "address", topics.invoice(), "invoice", topics.order(), "order"), ZONE);
    }

    /** A world with every kind of trouble the simulator makes: duplicates, deletes, moves, tombstones, poison. */
    static SimulationConfig.Builder config(Topics topics, long seed, int customers, int events, double poisonRate) {
        return SimulationConfig.builder().seed(seed).customers(customers).events(events).topics(topics)
                .duplicateRate(0.05).deleteRate(0.03).moveRate(0.03).tombstoneRate(0.005)
                .poisonRate(poisonRate).poisonKinds(EnumSet.allOf(PoisonKind.class)).maxOversized(3);
    }

    Topics topics() {
        return topics;
    }

    int size() {
        return records.size();
    }

    /**
     * The next {@code count} records of the stream (fewer at its end), taken as published: the oracle applies
     * them (and must reject exactly the poison), the poison among them is expected in the dead-letter topics.
     */
    List<SimRecord> nextSlice(int count) {
        int end = Math.min(records.size(), published + count);
        List<SimRecord> slice = records.subList(published, end);
        for (SimRecord r : slice) {
            Outcome outcome = oracle.accept(r.topic(), r.key(), r.value());
            if (r.isPoison() != (outcome == Outcome.REJECTED)) {
                throw new IllegalStateException("the reference model " + (r.isPoison() ? "accepts the poison " + r.poison()
                        : "rejects a valid record: " + oracle.rejected().get(oracle.rejected().size() - 1)) + " " + r);
            }
            if (r.isPoison()) {
                poisonSent.add(r);
                continue;
            }
            DecodeResult result = decoder.decode(r.topic(), r.key(), r.value());
            if (result instanceof DecodeResult.Decoded decoded) {
                reference.apply(decoded.event());
                validSent++;
            } else if (result instanceof DecodeResult.Tombstone) {
                tombstonesSent++;
            } else {
                throw new IllegalStateException("a record the simulator calls valid is rejected by the core: " + result
                        + " " + r);
            }
        }
        published = end;
        return slice;
    }

    /** The rest of the stream. */
    List<SimRecord> rest() {
        return nextSlice(records.size() - published);
    }

    long sent() {
        return published;
    }

    long validSent() {
        return validSent;
    }

    long tombstonesSent() {
        return tombstonesSent;
    }

    List<SimRecord> poisonSent() {
        return poisonSent;
    }

    /** Poison sent so far, by the reason the decoder must give ({@code dlt-reason} header). */
    Map<String, Long> expectedReasons() {
        Map<String, Long> byReason = new TreeMap<>();
        poisonSent.forEach(p -> byReason.merge(reason(p.poison()), 1L, Long::sum));
        return byReason;
    }

    Map<PoisonKind, Long> poisonByKind() {
        Map<PoisonKind, Long> byKind = new EnumMap<>(PoisonKind.class);
        poisonSent.forEach(p -> byKind.merge(p.poison(), 1L, Long::sum));
        return byKind;
    }

    /** Every customer any valid record named so far (live, deleted, or only the owner of a child). */
    Set<Long> customerIds() {
        Set<Long> ids = new java.util.TreeSet<>(reference.customerIds());
        oracle.customerIds().forEach(id -> ids.add(Long.parseLong(id)));
        return ids;
    }

    /** Customers whose document the oracle says exists. */
    List<Long> liveCustomerIds(Instant now) {
        return oracle.liveCustomerIds().stream().map(Long::parseLong).sorted().toList();
    }

    /** org_id of every customer whose document the oracle says exists. */
    Map<Long, String> liveOrgs(Instant now) {
        Map<Long, String> orgs = new TreeMap<>();
        for (String id : oracle.liveCustomerIds()) {
            orgs.put(Long.parseLong(id), oracle.document(id, now).orElseThrow().get("org_id").asString());
        }
        return orgs;
    }

    /**
     * Compares every customer's stored document (served for the month of {@code now}) with the reference model's
     * and with the core's projection, as parsed JSON with its member order, apart from {@code _cache_at} (the
     * projection time). Returns the ids that differ from each.
     */
    Comparison compare(StoredDocuments stored, Instant now) {
        DocumentRenderer renderer = new DocumentRenderer(ZONE);
        int month = Months.of(now, ZONE);
        List<Long> ids = List.copyOf(customerIds());
        Map<Long, String> actual = stored.documents(ids, month);
        List<String> mismatches = new ArrayList<>();
        List<String> coreMismatches = new ArrayList<>();
        int live = 0;
        for (long id : ids) {
            String want = oracle.document(Long.toString(id), now).map(Json::comparable).orElse(null);
            String core = reference.customer(id).flatMap(s -> renderer.render(s, now)).map(Json::comparable).orElse(null);
            String got = actual.get(id);
            got = got == null ? null : Json.comparable(got);
            if (want != null) {
                live++;
            }
            difference(id, want, got).ifPresent(mismatches::add);
            difference(id, core, got).ifPresent(coreMismatches::add);
        }
        return new Comparison(ids.size(), live, mismatches, coreMismatches);
    }

    private static java.util.Optional<String> difference(long id, String want, String got) {
        if (want == null ? got == null : want.equals(got)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(id + (want == null ? " (stored, expected none)" : got == null ? " (missing)" : " (differs)"));
    }

    /**
     * Every customer the oracles know (live, deleted, or only referenced by children), compared once: the ids whose
     * stored document differs from the reference model's ({@code mismatches}) and from the core's projection.
     */
    record Comparison(int compared, int live, List<String> mismatches, List<String> coreMismatches) {
    }

    /** The decoder's reason code for each kind of poison the simulator makes. */
    static String reason(PoisonKind kind) {
        return switch (kind) {
            case MALFORMED_JSON -> "malformed_json";
            case NON_UTF8 -> "invalid_utf8";
            case SCHEMA_INVALID -> "schema_violation";
            case WRONG_ENTITY_FOR_TOPIC -> "entity_topic_mismatch";
            case NEGATIVE_VERSION -> "invalid_version";
            case OVERSIZED -> "value_too_large";
            case KEY_ID_MISMATCH -> "key_id_mismatch";
            case BAD_AMOUNT -> "invalid_amount";
        };
    }
}
