package io.customerinfo.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline of #1: the least a consumer of the same topics can do. Per poll (same {@code max.poll.records} as
 * the projector): parse each value with Jackson (the projector must parse too), then one pipelined
 * {@code SET raw:<topic>:<key> <value>} per record and one round trip for the poll. Runs in the benchmark's JVM.
 */
final class RawBaselineConsumer {

    private static final int MAX_POLL_RECORDS = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] EMPTY = new byte[0];

    private RawBaselineConsumer() {
    }

    /**
     * Drains {@code total} records from the start of {@code topics}; returns the records/s from the poll that
     * reached {@code warmUp} records to the end.
     */
    static double drain(BenchServers servers, List<String> topics, long total, long warmUp, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        long count = 0;
        long firstCount = -1;
        long firstNanos = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()); Jedis jedis = servers.redis()) {
            consumer.subscribe(topics);
            while (count < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw baseline consumed " + count + " of " + total + " records within "
                            + timeout.toSeconds() + " s");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                Pipeline pipeline = jedis.pipelined();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    byte[] value = r.value();
                    if (value != null) {
                        JSON.readTree(value);
                    }
                    byte[] key = ("raw:" + r.topic() + ":" + new String(r.key(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                    pipeline.set(key, value == null ? EMPTY : value);
                }
                pipeline.sync();
                count += records.count();
                if (firstCount < 0 && count >= warmUp) {
                    firstCount = count;
                    firstNanos = System.nanoTime();
                }
            }
        }
        return (count - firstCount) / ((System.nanoTime() - firstNanos) / 1e9);
    }
}
