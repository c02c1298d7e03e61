package io.customerinfo.projector.store;


import redis.clients.jedis.UnifiedJedis;

/**
 * The {@code cinfo:active} marker: which generation the query API serves. A projector finding none (fresh or
 * flushed Redis) declares generation 1; it never overwrites a marker a rebuild has set.
 */
public final class ActiveGeneration {

    private ActiveGeneration() {}

    /** @return the generation to write: {@code override} if set, else the active one (declaring 1 if absent) */
    public static int resolve(UnifiedJedis redis, Integer override) {
        redis.setnx(RedisKeys.ACTIVE, "1");
        if (override != null) {
            return override;
        }
        String active = redis.get(RedisKeys.ACTIVE);
        if (active == null) {
            throw new IllegalStateException(RedisKeys.ACTIVE + " vanished right after SETNX");
        }
        return Integer.parseInt(active.trim());
    }

    /** Re-declares generation 1 when the marker is gone (Redis flushed while running). */
    public static void ensure(UnifiedJedis redis) {
        redis.setnx(RedisKeys.ACTIVE, "1");
    }
}
