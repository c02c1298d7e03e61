package io.customerinfo.projector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.projector.kafka.DeadLetterPublisher;
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
 * A simulator stream for one test run (updates, deletes, re-creations, moves, duplicates, poison), fully
 * shuffled, and what the projector must make of it: the core's whole-world {@link Projection} of the same
 * records, the independent {@link ReferenceModel} of them (the contract's rules, sharing no code with the core),
 * and exactly the poison records in the dead-letter topics.
 */
final class GeneratedStream {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Inside the simulated span, so that purchase_amount is not trivially zero. */
    static final Clock CLOCK = Clock.fixed(
            OffsetDateTime.of(2025, 9, 15, 12, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant(), ZoneOffset.UTC);

    private final KafkaFixture kafka;
    private final List<KafkaFixture.Record> records;
    private final List<SimRecord> poison;
    private final Projection reference = new Projection(ZONE);
    private final ReferenceModel oracle;
    private final java.util.Set<Long> deletedSomeTime = new java.util.HashSet<>();

    GeneratedStream(KafkaFixture kafka, long seed, int customers, int events) {
        this.kafka = kafka;
        Topics topics = new Topics(kafka.topic("customer"), kafka.topic("contact"), kafka.topic("address"),
                kafka.topic("invoice"), kafka.topic("order"));
        Simulation sim = Simulation.generate(SimulationConfig.builder().seed(seed).customers(customers)
                .events(events).duplicateRate(0.10).deleteRate(0.06).moveRate(0.05).poisonRate(0.01)
                .maxOversized(2).topics(topics).build());
        List<SimRecord> shuffled = new ArrayList<>(sim.records());
        Collections.shuffle(shuffled, new Random(seed));
        this.records = shuffled.stream().map(r -> new KafkaFixture.Record(r.topic(), r.key(), r.value())).toList();
        this.poison = sim.poison();
        EventDecoder decoder = new EventDecoder(Map.of(
                topics.customer(), EntityKind.CUSTOMER, topics.contact(), EntityKind.CONTACT,
                topics.address(), EntityKind.ADDRESS, topics.invoice(), EntityKind.INVOICE,
                topics.order(), EntityKind.ORDER), EventDecoder.DEFAULT_MAX_VALUE_BYTES);
        for (SimRecord r : sim.valid()) {
            DecodeResult result = decoder.decode(r.topic(), r.key(), r.value());
            if (result instanceof DecodeResult.Decoded decoded) {
                reference.apply(decoded.event());
                if (decoded.event().kind() == EntityKind.CUSTOMER && decoded.event().isDelete()) {
                    deletedSomeTime.add(decoded.event().id());
                }
            } else {
                assertThat(result).as("a valid simulator record decodes: %s", r).isInstanceOf(DecodeResult.Tombstone.class);
            }
        }
        assertThat(poison).as("the stream carries poison").isNotEmpty();
        this.oracle = new ReferenceModel(Map.of(topics.customer(), "customer", topics.contact(), "contact",
                topics.address(), "address", topics.invoice(), "invoice", topics.order(), "order"), ZONE);
        List<String> rejected = new ArrayList<>();
        for (KafkaFixture.Record r : records) {
            if (oracle.accept(r.topic(), r.key(), r.value()) == Outcome.REJECTED) {
                rejected.add(describe(r.topic(), r.key(), r.value(), "rejected"));
            }
        }
        List<String> poisonSent = new ArrayList<>(poison.stream().map(p -> describe(p.topic(), p.key(), p.value(), "rejected")).toList());
        Collections.sort(rejected);
        Collections.sort(poisonSent);
        assertThat(rejected).as("records the reference model rejects = the poison").isEqualTo(poisonSent);
    }

    /** Customers the stream never deletes: once their document exists, it must always be readable. */
    java.util.Set<Long> neverDeleted() {
        java.util.Set<Long> ids = new java.util.TreeSet<>(reference.customerIds());
        ids.removeAll(deletedSomeTime);
        return ids;
    }

    List<KafkaFixture.Record> records() {
        return records;
    }

    int size() {
        return records.size();
    }

    /** Every customer's stored document equals the reference rendered at {@code now} ({@code _cache_at} aside when asked). */
    void assertDocumentsMatch(RedisProbe probe, Instant now, boolean ignoreCacheAt) {
        DocumentRenderer renderer = new DocumentRenderer(ZONE);
        int month = Months.of(now, ZONE);
        Map<Long, String> expected = new TreeMap<>();
        Map<Long, String> actual = new TreeMap<>();
        int live = 0;
        for (long id : reference.customerIds()) {
            String want = reference.customer(id).flatMap(s -> renderer.render(s, now))
                    .map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
            String got = probe.document(id, month);
            if (want != null) {
                live++;
            }
            expected.put(id, ignoreCacheAt && want != null ? SampleEventsIT.withoutCacheAt(want) : want);
            actual.put(id, ignoreCacheAt && got != null ? SampleEventsIT.withoutCacheAt(got) : got);
        }
        assertThat(live).as("live customers in the reference").isPositive();
        for (long id : expected.keySet()) {
            assertThat(actual.get(id)).as("document of customer %d", id).isEqualTo(expected.get(id));
        }
        assertMatchesTheReferenceModel(probe, now, ignoreCacheAt, month);
    }

    /** Every stored document, as parsed JSON with its member order, equals the reference model's at {@code now}. */
    private void assertMatchesTheReferenceModel(RedisProbe probe, Instant now, boolean ignoreCacheAt, int month) {
        java.util.Set<Long> ids = new java.util.TreeSet<>(reference.customerIds());
        oracle.customerIds().forEach(id -> ids.add(Long.parseLong(id)));
        int live = 0;
        for (long id : ids) {
            String want = oracle.document(Long.toString(id), now)
                    .map(doc -> ignoreCacheAt ? Json.comparable(doc) : Json.compact(doc)).orElse(null);
            String got = probe.document(id, month);
            if (got != null) {
                byte[] bytes = got.getBytes(StandardCharsets.UTF_8);
                got = ignoreCacheAt ? Json.comparable(bytes) : Json.compact(bytes);
            }
            if (want != null) {
                live++;
            }
            assertThat(got).as("document of customer %d against the reference model", id).isEqualTo(want);
        }
        assertThat(live).as("live customers in the reference model").isEqualTo(oracle.liveCustomerIds().size()).isPositive();
    }

    /** The dead-letter topics hold exactly the poison records (once each by original offset), with their reasons. */
    void assertDeadLetters() {
        List<String> got = new ArrayList<>();
        for (String topic : kafka.topics()) {
            Map<String, ConsumerRecord<byte[], byte[]>> byOrigin = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic + ".dlt")) {
                String origin = header(r, DeadLetterPublisher.ORIGINAL_TOPIC) + ":"
                        + header(r, DeadLetterPublisher.ORIGINAL_PARTITION) + ":"
                        + header(r, DeadLetterPublisher.ORIGINAL_OFFSET);
                assertThat(header(r, DeadLetterPublisher.ORIGINAL_TOPIC)).isEqualTo(topic);
                byOrigin.putIfAbsent(origin, r);
            }
            byOrigin.values().forEach(r -> got.add(describe(topic, r.key(), r.value(),
                    header(r, DeadLetterPublisher.REASON))));
        }
        List<String> want = new ArrayList<>();
        for (SimRecord p : poison) {
            want.add(describe(p.topic(), p.key(), p.value(), reason(p.poison())));
        }
        Collections.sort(got);
        Collections.sort(want);
        assertThat(got).isEqualTo(want);
    }

    private static String describe(String topic, byte[] key, byte[] value, String reason) {
        return topic + "|" + new String(key, StandardCharsets.UTF_8) + "|" + reason + "|"
                + (value == null ? "null" : value.length + ":" + Arrays.hashCode(value));
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
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
