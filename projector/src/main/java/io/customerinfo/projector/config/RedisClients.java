package io.customerinfo.projector.config;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** One server ({@code REDIS_URL}) or a cluster ({@code REDIS_CLUSTER_NODES}); callers see a {@link UnifiedJedis}. */
public final class RedisClients {

    private RedisClients() {}

    public static UnifiedJedis create(ProjectorSettings settings, int poolSize) {
        int timeoutMs = Math.toIntExact(settings.redisTimeout().toMillis());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setTestWhileIdle(false);
        if (settings.clusterMode()) {
            JedisClientConfig config = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(timeoutMs)
                    .socketTimeoutMillis(timeoutMs)
                    .build();
            // few attempts: an unavailable cluster surfaces quickly and the consumer loop backs off
            return new JedisCluster(parseNodes(settings.redisClusterNodes()), config, 2, pool);
        }
        URI uri = URI.create(settings.redisUrl());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                config.password(userInfo);
            } else {
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(userInfo.substring(colon + 1));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        if ("rediss".equals(uri.getScheme())) {
            config.ssl(true);
        }
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        return new JedisPooled(pool, new HostAndPort(uri.getHost(), port), config.build());
    }

    static Set<HostAndPort> parseNodes(String nodes) {
        Set<HostAndPort> result = new HashSet<>();
        for (String node : nodes.split(",")) {
            String trimmed = node.trim();
            if (!trimmed.isEmpty()) {
                result.add(HostAndPort.from(trimmed));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("REDIS_CLUSTER_NODES names no host:port: '" + nodes + "'");
        }
        return result;
    }
}
