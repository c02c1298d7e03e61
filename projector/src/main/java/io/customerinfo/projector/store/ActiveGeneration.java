package io.customerinfo.projector.store;

import io.customerinfo.readmodel.GenerationMarker;
import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/** The generation a projector starts writing (see {@link GenerationMarker} for the marker's rules). */
public final class ActiveGeneration {

    private ActiveGeneration() {}

    /** @return the generation to write: {@code override} if set, else the active one (declaring the first if absent) */
    public static int resolve(UnifiedJedis redis, Integer override) {
        GenerationMarker.declareFirst(redis);
        if (override != null) {
            return override;
        }
        return GenerationMarker.read(redis).orElseThrow(
                () -> new IllegalStateException(RedisKeys.ACTIVE + " vanished right after SETNX"));
    }
}
