package io.customerinfo.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.projector.kafka.DeadLetterPublisher;
import io.customerinfo.simulator.SimRecord;
import io.customerinfo.simulator.TopicLeaders;

/**
 * One scenario's five source topics (compacted, 6 partitions, as deployed) and their dead-letter topics:
 * creation, end offsets, and the dead letters counted once per original record.
 */
final class ScenarioTopics {

    static final int PARTITIONS = 6;
    /**
     * Compacted as in production, but nothing is compacted during a run: the exact dead-letter count would
     * otherwise depend on whether the cleaner removed a superseded record before a restarted projector read it.
     */
    static final Map<String, String> CONFIG = Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "86400000");

    private final KafkaBroker broker;
    private final io.customerinfo.simulator.Topics names;

    ScenarioTopics(KafkaBroker broker, String prefix) {
        this.broker = broker;
        this.names = io.customerinfo.simulator.Topics.withPrefix(prefix);
        broker.createTopics(names.all(), PARTITIONS, CONFIG);
        broker.createTopics(deadLetterTopics(), PARTITIONS, Map.of("cleanup.policy", "delete"));
        try (Admin admin = broker.admin()) {
            List<String> all = new ArrayList<>(names.all());
            all.addAll(deadLetterTopics());
            TopicLeaders.await(admin, all, Duration.ofSeconds(60), broker.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("topics " + names.all() + " have no leaders", e);
        }
    }

    io.customerinfo.simulator.Topics names() {
        return names;
    }

    List<String> deadLetterTopics() {
        return names.all().stream().map(t -> t + ".dlt").toList();
    }

    /** The projector's environment for these topics. */
    Map<String, String> projectorEnv() {
        return Map.of("TOPIC_CUSTOMER", names.customer(), "TOPIC_CONTACT", names.contact(),
                "TOPIC_ADDRESS", names.address(), "TOPIC_INVOICE", names.invoice(), "TOPIC_ORDER", names.order());
    }

    /** The log-end offset of every partition of the source topics. */
    Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = broker.admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(names.all()).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(
                    p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets of " + names.all(), e);
        }
    }

    static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The dead letters, once per original record (a replay after a crash republishes: dead letters are
     * at-least-once, deduplicated by original topic/partition/offset).
     */
    DeadLetters deadLetters() {
        Map<String, ConsumerRecord<byte[], byte[]>> byOrigin = new HashMap<>();
        long raw = 0;
        for (String topic : deadLetterTopics()) {
            for (ConsumerRecord<byte[], byte[]> r : readAll(topic)) {
                raw++;
                byOrigin.putIfAbsent(header(r, DeadLetterPublisher.ORIGINAL_TOPIC) + ":"
                        + header(r, DeadLetterPublisher.ORIGINAL_PARTITION) + ":"
                        + header(r, DeadLetterPublisher.ORIGINAL_OFFSET), r);
            }
        }
        Map<String, Long> byReason = new TreeMap<>();
        List<String> described = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : byOrigin.values()) {
            String reason = header(r, DeadLetterPublisher.REASON);
            byReason.merge(reason, 1L, Long::sum);
            described.add(describe(header(r, DeadLetterPublisher.ORIGINAL_TOPIC), r.key(), r.value(), reason));
        }
        described.sort(null);
        return new DeadLetters(raw, byOrigin.size(), byReason, described);
    }

    /** Distinct dead letters (by original record), their reasons, and the raw count including replays. */
    record DeadLetters(long raw, long distinct, Map<String, Long> byReason, List<String> described) {
    }

    /** The same description {@link #deadLetters()} gives, for a poison record that was sent. */
    static String describe(SimRecord poison) {
        return describe(poison.topic(), poison.key(), poison.value(), World.reason(poison.poison()));
    }

    static List<String> describeAll(List<SimRecord> poison) {
        List<String> all = new ArrayList<>(poison.stream().map(ScenarioTopics::describe).toList());
        all.sort(null);
        return all;
    }

    private static String describe(String topic, byte[] key, byte[] value, String reason) {
        return topic + "|" + (key == null ? "null" : new String(key, StandardCharsets.UTF_8)) + "|" + reason + "|"
                + (value == null ? "null" : value.length + ":" + Arrays.hashCode(value));
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
