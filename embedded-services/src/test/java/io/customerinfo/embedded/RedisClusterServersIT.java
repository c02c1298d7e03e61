package io.customerinfo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisClusterServersIT {

    @TempDir
    static Path dir;
    static RedisClusterServers cluster;

    @BeforeAll
    static void form() {
        cluster = RedisClusterServers.start(dir);
    }

    @AfterAll
    static void stop() {
        cluster.stop();
    }

    @Test
    void formsThreeMastersCoveringEverySlot() {
        assertThat(cluster.nodes().split(",")).hasSize(3).allMatch(n -> n.startsWith("127.0.0.1:"));
        for (RedisServer node : cluster.servers()) {
            try (Jedis jedis = new Jedis(node.host(), node.port())) {
                assertThat(jedis.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:3",
                        "cluster_slots_assigned:16384");
            }
        }
    }

    @Test
    void clusterClientWritesKeysInDifferentSlotsAndRunsAMultiKeyScriptOnOneHashTag() {
        try (JedisCluster client = new JedisCluster(cluster.hostAndPorts())) {
            List<String> keys = List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta");
            assertThat(keys.stream().map(JedisClusterCRC16::getSlot).distinct().count()).isGreaterThan(2);
            keys.forEach(k -> client.set(k, "v-" + k));
            keys.forEach(k -> assertThat(client.get(k)).isEqualTo("v-" + k));

            List<String> tagged = List.of("cinfo:g1:{62640}:doc", "cinfo:g1:{62640}:agg");
            Object result = client.eval(
                    "redis.call('SET', KEYS[1], ARGV[1]); redis.call('HINCRBY', KEYS[2], 'rev', 1);"
                            + " return redis.call('HGET', KEYS[2], 'rev')",
                    tagged, List.of("doc-body"));
            assertThat(result).isEqualTo("1");
            assertThat(client.get("cinfo:g1:{62640}:doc")).isEqualTo("doc-body");
        }
    }
}
