package io.customerinfo.projector.it;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisServer;
import io.customerinfo.simulator.SimRecord;
import io.customerinfo.simulator.Simulation;
import io.customerinfo.simulator.SimulationConfig;
import io.customerinfo.simulator.Topics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import redis.clients.jedis.JedisPooled;

/**
 * Rough single-instance throughput and Redis bytes per event on the standard mix (not part of the build: run with
 * {@code -Dprojector.bench=true -Dit.test=ProjectorThroughputIT}; the benchmark issue owns the real figures).
 */
@EnabledIfSystemProperty(named = "projector.bench", matches = "true")
class ProjectorThroughputIT {

    @Test
    void standardMix() throws Exception {
        int customers = Integer.getInteger("projector.bench.customers", 5000);
        int events = Integer.getInteger("projector.bench.events", 200_000);
        KafkaBroker broker = SharedBroker.get();
        String run = "b" + UUID.randomUUID().toString().substring(0, 8);
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        Topics topics = new Topics(kafka.topic("customer"), kafka.topic("contact"), kafka.topic("address"),
                kafka.topic("invoice"), kafka.topic("order"));
        Simulation sim = Simulation.generate(SimulationConfig.builder().seed(5).customers(customers).events(events)
                .duplicateRate(0.05).topics(topics).build());
        kafka.publish(sim.records().stream().map(r -> new KafkaFixture.Record(r.topic(), r.key(), r.value())).toList());
        Map<TopicPartition, Long> end = kafka.endOffsets();
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        try (RedisServer redis = RedisServer.builder().dataDir(SharedBroker.tempDir("bench-redis-")).start();
             JedisPooled jedis = new JedisPooled(redis.hostAndPort())) {
            RedisProbe probe = new RedisProbe(() -> jedis);
            try (ProjectorInstance projector = ProjectorInstance.builder(broker.bootstrapServers(), run)
                    .redisUrl(redis.url()).properties(kafka.projectorTopicProperties()).withoutWebServer()
                    .property("projector.concurrency", Integer.getInteger("projector.bench.concurrency", 1)).start()) {
                jdk.jfr.Recording recording = null;
                String jfr = System.getProperty("projector.bench.jfr");
                if (jfr != null) {
                    recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                    recording.start();
                }
                long started = System.nanoTime();
                probe.awaitApplied(run, end, Duration.ofMinutes(10));
                if (recording != null) {
                    recording.stop();
                    try {
                        recording.dump(java.nio.file.Path.of(jfr));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                MeterRegistry registry = projector.registry();
                DistributionSummary bytes = registry.get("projector.redis.bytes.written").summary();
                long usedMemory = Long.parseLong(jedis.info("memory").lines()
                        .filter(l -> l.startsWith("used_memory:")).findFirst().orElseThrow().substring(12).trim());
                System.out.printf("BENCH records=%d customers=%d seconds=%.1f records/s=%.0f "
                                + "commit-bytes/applied-event(mean of polls)=%.0f redis used_memory=%d B (%d B/customer)%n",
                        total, customers, seconds, total / seconds, bytes.mean(), usedMemory, usedMemory / customers);
            }
        }
    }
}
