package io.customerinfo.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of masters only (three by default), each a {@link RedisServer} with
 * {@code --cluster-enabled yes} on a free port, formed without redis-cli: CLUSTER SET-CONFIG-EPOCH,
 * CLUSTER MEET, CLUSTER ADDSLOTS (16384 slots split evenly), then every node must report
 * {@code cluster_state:ok} and know all the others.
 */
public final class RedisClusterServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterServers.class);
    private static final int SLOTS = 16384;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> servers;

    private RedisClusterServers(List<RedisServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Three masters, node {@code i} keeping its files in {@code dataDir/node-i}. */
    public static RedisClusterServers start(Path dataDir) {
        return start(dataDir, 3, false);
    }

    public static RedisClusterServers start(Path dataDir, int masters, boolean appendOnly) {
        if (masters < 1) {
            throw new IllegalArgumentException("a cluster needs at least one master: " + masters);
        }
        List<RedisServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                servers.add(RedisServer.builder().dataDir(dataDir.resolve("node-" + i)).clusterEnabled(true)
                        .appendOnly(appendOnly).start());
            }
            RedisClusterServers cluster = new RedisClusterServers(servers);
            cluster.form();
            log.info("Redis Cluster formed: {}", cluster.nodes());
            return cluster;
        } catch (RuntimeException e) {
            servers.forEach(RedisServer::stop);
            throw e;
        }
    }

    /** {@code host:port,host:port,...} of every master, as a cluster-aware client's seed list. */
    public String nodes() {
        return servers.stream().map(s -> s.host() + ":" + s.port()).collect(Collectors.joining(","));
    }

    public Set<HostAndPort> hostAndPorts() {
        return servers.stream().map(RedisServer::hostAndPort).collect(Collectors.toUnmodifiableSet());
    }

    public List<RedisServer> servers() {
        return servers;
    }

    public void stop() {
        servers.forEach(RedisServer::stop);
    }

    @Override
    public void close() {
        stop();
    }

    private void form() {
        RedisServer first = servers.get(0);
        for (int i = 0; i < servers.size(); i++) {
            RedisServer node = servers.get(i);
            try (Jedis jedis = new Jedis(node.host(), node.port())) {
                jedis.clusterSetConfigEpoch(i + 1L);
                int from = i * SLOTS / servers.size();
                int to = (i + 1) * SLOTS / servers.size();
                jedis.clusterAddSlots(IntStream.range(from, to).toArray());
            }
        }
        try (Jedis jedis = new Jedis(first.host(), first.port())) {
            for (RedisServer other : servers.subList(1, servers.size())) {
                jedis.clusterMeet(other.host(), other.port());
            }
        }
        awaitFormed();
    }

    private void awaitFormed() {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        String lastInfo = "";
        while (true) {
            boolean allOk = true;
            for (RedisServer node : servers) {
                try (Jedis jedis = new Jedis(node.host(), node.port())) {
                    lastInfo = jedis.clusterInfo();
                    if (!lastInfo.contains("cluster_state:ok")
                            || !lastInfo.contains("cluster_known_nodes:" + servers.size())
                            || !lastInfo.contains("cluster_slots_ok:" + SLOTS)) {
                        allOk = false;
                        break;
                    }
                }
            }
            if (allOk) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster " + nodes() + " not formed within " + FORM_TIMEOUT
                        + "; last CLUSTER INFO:\n" + lastInfo);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while forming Redis Cluster " + nodes(), e);
            }
        }
    }
}
