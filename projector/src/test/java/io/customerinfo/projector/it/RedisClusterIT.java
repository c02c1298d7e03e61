package io.customerinfo.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisClusterServers;
import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/**
 * With {@code REDIS_CLUSTER_NODES} set, the same stream gives the same documents on a 3-master Redis Cluster; and
 * a rebuild there switches with the same documents and deletes the old generation on every master.
 */
class RedisClusterIT {

    private static final String KEY = "cluster-admin-key";

    private static RedisClusterServers cluster;
    private static JedisCluster jedis;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterServers.start(SharedBroker.tempDir("redis-cluster-"));
        jedis = new JedisCluster(cluster.hostAndPorts());
    }

    @AfterAll
    static void stopCluster() {
        if (jedis != null) {
            jedis.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void emptyEveryMaster() {
        for (HostAndPort node : cluster.hostAndPorts()) {
            try (Jedis j = new Jedis(node)) {
                j.flushAll();
            }
        }
    }

    @Test
    void generatedStreamOnAThreeMasterCluster() {
        KafkaBroker broker = SharedBroker.get();
        String run = "c" + UUID.randomUUID().toString().substring(0, 8);
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 21, 300, 4000);
        kafka.publish(stream.records());
        RedisProbe probe = new RedisProbe(() -> jedis);
        try (ProjectorInstance projector = ProjectorInstance.builder(broker.bootstrapServers(), run)
                .redisClusterNodes(cluster.nodes()).clock(GeneratedStream.CLOCK)
                .properties(kafka.projectorTopicProperties()).withoutWebServer().start()) {
            probe.awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(90));
            stream.assertDocumentsMatch(probe, GeneratedStream.CLOCK.instant(), false);
            stream.assertDeadLetters();
        }
    }

    /** Issue 15: the keys of 10,000 customers spread over every master, none holding more than half of them. */
    @Test
    void tenThousandCustomersSpreadOverEveryMaster() {
        KafkaBroker broker = SharedBroker.get();
        String run = "s" + UUID.randomUUID().toString().substring(0, 8);
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 41, 10_000, 50_000);
        kafka.publish(stream.records());
        try (ProjectorInstance projector = ProjectorInstance.builder(broker.bootstrapServers(), run)
                .redisClusterNodes(cluster.nodes()).clock(GeneratedStream.CLOCK)
                .properties(kafka.projectorTopicProperties()).withoutWebServer().start()) {
            new RedisProbe(() -> jedis).awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(120));
        }
        java.util.List<Long> customers = keysOnEveryMaster("cinfo:g1:{*}:agg");
        long total = customers.stream().mapToLong(Long::longValue).sum();
        assertThat(total).as("customers with state").isGreaterThanOrEqualTo(9_000);
        assertThat(customers).as("customers per master of %,d", total).hasSize(3)
                .allMatch(n -> n > 0 && n <= total / 2);
        java.util.List<Long> docs = keysOnEveryMaster("cinfo:g1:{*}:doc");
        long docTotal = docs.stream().mapToLong(Long::longValue).sum();
        assertThat(docs).as("stored views per master of %,d", docTotal).allMatch(n -> n > 0 && n <= docTotal / 2);
    }

    @Test
    void rebuildSwitchesAndDeletesTheOldGenerationOnEveryMaster() {
        KafkaBroker broker = SharedBroker.get();
        String run = "rc" + UUID.randomUUID().toString().substring(0, 8);
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 31, 300, 4000);
        kafka.publish(stream.records());
        Map<TopicPartition, Long> end = kafka.endOffsets();
        try (ProjectorInstance projector = ProjectorInstance.builder(broker.bootstrapServers(), run)
                .redisClusterNodes(cluster.nodes()).clock(GeneratedStream.CLOCK)
                .properties(kafka.projectorTopicProperties())
                .property("projector.rebuild.admin-key", KEY)
                .property("projector.rebuild.progress-interval", "200ms")
                .property("projector.rebuild.drop-delay", "2s").start()) {
            new RedisProbe(() -> jedis, 1).awaitApplied(run, end, Duration.ofSeconds(90));
            assertThat(keysOnEveryMaster("cinfo:g1:*")).as("generation 1 spread over the masters").allMatch(n -> n > 0);

            AdminHttp admin = new AdminHttp(projector.port(), KEY);
            assertThat(admin.post("/admin/rebuild").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.rebuildStatus().equals("DONE"));

            assertThat(jedis.get(RedisKeys.ACTIVE)).isEqualTo("2");
            new RedisProbe(() -> jedis, 2).awaitApplied(run, end, Duration.ofSeconds(60));
            stream.assertDocumentsMatch(new RedisProbe(() -> jedis, 2), GeneratedStream.CLOCK.instant(), false);
            assertThat(keysOnEveryMaster("cinfo:g1:*")).as("generation 1 left on each master").containsOnly(0L);
            assertThat(admin.get("/admin/rebuild").body().get("message").toString()).contains("deleted");
        }
    }

    private static java.util.List<Long> keysOnEveryMaster(String pattern) {
        java.util.List<Long> counts = new java.util.ArrayList<>();
        for (HostAndPort node : cluster.hostAndPorts()) {
            try (Jedis j = new Jedis(node)) {
                counts.add((long) j.keys(pattern).size());
            }
        }
        return counts;
    }
}
