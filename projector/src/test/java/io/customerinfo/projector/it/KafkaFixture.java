package io.customerinfo.projector.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.customerinfo.embedded.KafkaBroker;

/** Topics, publishing and reading for one test's run on a shared broker (topics are prefixed per run). */
final class KafkaFixture {

    static final List<String> KINDS = List.of("customer", "contact", "address", "invoice", "order");

    private final KafkaBroker broker;
    private final String prefix;

    KafkaFixture(KafkaBroker broker, String prefix, int partitions) {
        this.broker = broker;
        this.prefix = prefix;
        broker.createTopics(topics(), partitions, Map.of());
        // a produce while leadership settles stalled the idempotent producer until its delivery timeout (loaded CI)
        try (Admin admin = broker.admin()) {
            io.customerinfo.simulator.TopicLeaders.await(admin, topics(), Duration.ofSeconds(60),
                    broker.bootstrapServers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no leaders for " + topics(), e);
        }
    }

    /** Source topic of a kind ({@code customer} ... {@code order}) in this run. */
    String topic(String kind) {
        return prefix + ".crm." + kind;
    }

    List<String> topics() {
        return KINDS.stream().map(this::topic).toList();
    }

    /** Properties that point a projector at this run's topics. */
    Map<String, Object> projectorTopicProperties() {
        Map<String, Object> p = new HashMap<>();
        for (String kind : KINDS) {
            p.put("projector.topics." + kind, topic(kind));
        }
        return p;
    }

    /** Publishes (topic kind is mapped to this run's topic) and waits for every acknowledgement. */
    void publish(List<Record> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1); // as the simulator's producer
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Record r : records) {
                sends.add(producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value())));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("publishing to " + prefix + " failed", e);
        }
    }

    /** The log-end offset of every partition of this run's source topics. */
    Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = broker.admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(topics()).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(
                    p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets of " + topics(), e);
        }
    }

    /** Every record now in a topic (all partitions, from the beginning). */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
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
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    record Record(String topic, byte[] key, byte[] value) {
        static Record of(String topic, String key, String value) {
            return new Record(topic, key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
