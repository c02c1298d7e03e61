package io.customerinfo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @Test
    void createsCompactedTopicsIdempotently() throws Exception {
        List<String> names = List.of("it.compact.a", "it.compact.b");
        broker.createTopics(names, 6, KafkaBroker.COMPACTED);
        broker.createTopics(names, 6, KafkaBroker.COMPACTED);

        try (Admin admin = broker.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(6));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "it.compact.a");
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void roundTripsRecordsAndKeepsThemAcrossARestartOnTheSamePort() throws Exception {
        String topic = "it.roundtrip";
        broker.createTopics(List.of(topic), 3, KafkaBroker.COMPACTED);
        String bootstrap = broker.bootstrapServers();
        produce(topic, 20);
        assertThat(consumeAll(topic, 20)).hasSize(20);

        broker.restart();

        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        List<ConsumerRecord<String, String>> afterRestart = consumeAll(topic, 20);
        assertThat(afterRestart).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys(20));
        produce(topic, 1);
    }

    @Test
    void stopThenStartComesBackOnTheSameBootstrapAddress() {
        String bootstrap = broker.bootstrapServers();
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.start();
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        broker.createTopics(List.of("it.after.start"), 1, Map.of());
    }

    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("k" + i);
        }
        return keys;
    }

    private static void produce(String topic, int n) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String key : keys(n)) {
                producer.send(new ProducerRecord<>(topic, key, "value-" + key)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.size() >= expected;
            });
        }
        assertThat(seen).allSatisfy(r -> assertThat(r.value()).isEqualTo("value-" + r.key()));
        assertThat(seen.get(0).value().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        return seen;
    }
}
