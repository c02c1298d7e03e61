package io.customerinfo.readmodel;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Builds the Redis client of both services: {@code JedisCluster} when cluster nodes are configured, else
 * {@code JedisPooled}. Connect, read and pool-borrow waits are all bounded by the timeout, so a dead or stalled
 * Redis turns into an error (the API's 1503, the projector's back-off), never a hung thread.
 */
public final class RedisClients {

    private RedisClients() {
    }

    public static UnifiedJedis create(RedisConnection redis) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(redis.poolSize());
        pool.setMaxIdle(redis.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(redis.timeout());
        pool.setBlockWhenExhausted(true);
        pool.setTestOnBorrow(false);
        // idle connections are PINGed in the background, so that after a Redis restart the dead
        // ones are dropped without failing requests
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(java.time.Duration.ofSeconds(5));
        pool.setJmxEnabled(false);
        if (redis.cluster()) {
            return new JedisCluster(nodes(redis.clusterNodes()), clusterConfig(redis), 2, redis.timeout(), pool);
        }
        return new JedisPooled(pool, JedisURIHelper.getHostAndPort(redis.url()), serverConfig(redis));
    }

    /**
     * One plain connection, outside any pool, for a subscriber: to the server, or on a cluster to seed
     * {@code attempt} modulo the number of seeds (a subscriber that lost its node tries the next one). Connect and
     * reads are bounded by the timeout until the caller subscribes.
     */
    public static Connection connection(RedisConnection redis, int attempt) {
        if (redis.cluster()) {
            List<HostAndPort> seeds = new ArrayList<>(nodes(redis.clusterNodes()));
            return new Connection(seeds.get(Math.floorMod(attempt, seeds.size())), clusterConfig(redis));
        }
        return new Connection(JedisURIHelper.getHostAndPort(redis.url()), serverConfig(redis));
    }

    private static JedisClientConfig clusterConfig(RedisConnection redis) {
        int timeoutMillis = (int) Math.max(1, redis.timeout().toMillis());
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .build();
    }

    private static JedisClientConfig serverConfig(RedisConnection redis) {
        int timeoutMillis = (int) Math.max(1, redis.timeout().toMillis());
        URI url = redis.url();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .ssl(JedisURIHelper.isRedisSSLScheme(url))
                .database(JedisURIHelper.getDBIndex(url));
        String user = JedisURIHelper.getUser(url);
        String password = JedisURIHelper.getPassword(url);
        if (user != null) {
            client.user(user);
        }
        if (password != null) {
            client.password(password);
        }
        return client.build();
    }

    /** @throws IllegalArgumentException when the seeds name no {@code host:port} */
    static Set<HostAndPort> nodes(String clusterNodes) {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        for (String node : clusterNodes.split(",")) {
            if (!node.isBlank()) {
                nodes.add(HostAndPort.from(node.trim()));
            }
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("the Redis cluster nodes name no host:port: '" + clusterNodes + "'");
        }
        return nodes;
    }

}
