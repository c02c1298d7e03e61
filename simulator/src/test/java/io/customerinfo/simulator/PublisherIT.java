package io.customerinfo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.customerinfo.embedded.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherIT {

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
    void publishesADamagedStreamExactlyAsGeneratedPoisonAndTombstonesIncluded() {
        Topics topics = Topics.withPrefix("pub.");
        broker.createTopics(topics.all(), 6, KafkaBroker.COMPACTED);
        Simulation sim = Simulation.generate(SimulationConfig.builder().seed(11).customers(50).events(3_000)
                .topics(topics).duplicateRate(0.05).reorderRate(0.1).poisonRate(0.02).maxOversized(2).build());

        PublishReport report;
        try (Publisher publisher = new Publisher(broker.bootstrapServers())) {
            report = publisher.publish(sim.records(), 0);
        }

        assertThat(report.complete()).as(report.summary() + " " + report.firstErrors()).isTrue();
        assertThat(report.acknowledged()).isEqualTo(sim.records().size());
        List<SimRecord> consumed = consumeAll(topics, sim.records().size());
        assertThat(consumed).containsExactlyInAnyOrderElementsOf(untagged(sim.records()));
    }

    @Test
    void theCommandPublishesAFileAtTheTargetRate() {
        Topics topics = Topics.withPrefix("file.");
        Path file = dir.resolve("stream.jsonl");
        Simulation sim = Simulation.generate(SimulationConfig.builder().seed(12).customers(10).events(300)
                .topics(topics).poisonRate(0.05).maxOversized(0).build());
        JsonlFile.write(file, sim.records());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long started = System.nanoTime();

        int exit = SimulatorCommand.run(new String[] {"--in", file.toString(), "--bootstrap", broker.bootstrapServers(),
                "--rate", "500", "--create-topics", "6", "--topic-prefix", "file."}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(took).isGreaterThan(Duration.ofMillis(1000L * (sim.records().size() - 1) / 500 - 50));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created topics", "acknowledged " + sim.records().size());
        assertThat(consumeAll(topics, sim.records().size())).containsExactlyInAnyOrderElementsOf(untagged(sim.records()));
    }

    @Test
    void anIdempotentPublishSurvivesABrokerRestartOnTheSamePortWithoutLossOrDuplicates() throws Exception {
        Topics topics = Topics.withPrefix("restart.");
        broker.createTopics(topics.all(), 6, KafkaBroker.COMPACTED);
        Simulation sim = Simulation.generate(SimulationConfig.builder().seed(13).customers(20).events(1_500)
                .topics(topics).build());
        PublishReport report;
        try (Publisher publisher = new Publisher(broker.bootstrapServers())) {
            AtomicLong acknowledged = new AtomicLong();
            CompletableFuture<PublishReport> publishing = CompletableFuture.supplyAsync(() -> publisher.publish(
                    sim.records().iterator(), 500, Duration.ofMillis(100), p -> acknowledged.set(p.acknowledged())));
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 100);
            assertThat(publishing).as("still publishing when the broker restarts").isNotDone();
            broker.restart();
            report = publishing.get(180, TimeUnit.SECONDS);
        }

        assertThat(report.complete()).as(report.summary() + " " + report.firstErrors()).isTrue();
        assertThat(consumeAll(topics, sim.records().size())).containsExactlyInAnyOrderElementsOf(untagged(sim.records()));
    }

    /** Kafka does not carry the poison tag: compare what goes over the wire. */
    private static List<SimRecord> untagged(List<SimRecord> records) {
        return records.stream().map(r -> new SimRecord(r.topic(), r.key(), r.value(), null)).toList();
    }

    private static List<SimRecord> consumeAll(Topics topics, int expected) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<SimRecord> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics.all());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(new SimRecord(r.topic(), r.key(), r.value(), null));
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}
