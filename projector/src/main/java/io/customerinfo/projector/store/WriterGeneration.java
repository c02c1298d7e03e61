package io.customerinfo.projector.store;

import java.util.OptionalInt;

import io.customerinfo.readmodel.GenerationMarker;
import io.customerinfo.readmodel.RedisKeys;
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
        // absent (fresh or flushed Redis): declare the first generation, as at start
        OptionalInt active = GenerationMarker.read(redis);
        return active.isPresent() ? active.getAsInt() : ActiveGeneration.resolve(redis, null);
    }
}
