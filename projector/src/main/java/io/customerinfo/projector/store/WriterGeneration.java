package io.customerinfo.projector.store;

import redis.clients.jedis.UnifiedJedis;

/**
 * The generation live consumers write: the one a rebuild is handing over ({@code cinfo:rebuild} field
 * {@code handoff}) while it is, else the active one ({@code cinfo:active}, declared 1 when absent).
 */
public final class WriterGeneration {

    private WriterGeneration() {}

    public static int resolve(UnifiedJedis redis) {
        String handoff = redis.hget(RedisKeys.REBUILD, RedisKeys.HANDOFF);
        if (handoff != null) {
            return Integer.parseInt(handoff.trim());
        }
        String active = redis.get(RedisKeys.ACTIVE);
        // absent (fresh or flushed Redis): declare generation 1, as at start
        return active != null ? Integer.parseInt(active.trim()) : ActiveGeneration.resolve(redis, null);
    }
}
