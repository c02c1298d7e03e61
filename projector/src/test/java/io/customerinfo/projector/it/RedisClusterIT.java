package io.customerinfo.projector.it;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisClusterServers;
import redis.clients.jedis.JedisCluster;

/** With {@code REDIS_CLUSTER_NODES} set, the same stream gives the same documents on a 3-master Redis Cluster. */
class RedisClusterIT {

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
}
