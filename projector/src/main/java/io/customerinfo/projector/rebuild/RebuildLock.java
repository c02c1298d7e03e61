package io.customerinfo.projector.rebuild;

import java.time.Duration;
import java.util.List;

import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * At most one rebuild at a time, across instances: {@code cinfo:rebuild:lock} holds the running instance's token
 * with a lease. The holder renews it; a crashed holder's lease runs out and another instance takes over.
 */
final class RebuildLock {

    private static final String RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) else return 0 end";

    private final UnifiedJedis redis;
    private final String token;
    private final Duration lease;

    RebuildLock(UnifiedJedis redis, String token, Duration lease) {
        this.redis = redis;
        this.token = token;
        this.lease = lease;
    }

    /** @return whether this instance holds the lock now (taken, or already held) */
    boolean acquire() {
        String set = redis.set(RedisKeys.REBUILD_LOCK, token, SetParams.setParams().nx().px(lease.toMillis()));
        return "OK".equals(set) || renew();
    }

    /** @return false when the lock is no longer this instance's (its lease ran out and another took it) */
    boolean renew() {
        Object renewed = redis.eval(RENEW, List.of(RedisKeys.REBUILD_LOCK),
                List.of(token, Long.toString(lease.toMillis())));
        return Long.valueOf(1).equals(renewed);
    }

    void release() {
        redis.eval(RELEASE, List.of(RedisKeys.REBUILD_LOCK), List.of(token));
    }

    /** The token of the instance holding the lock, or null. */
    String holder() {
        return redis.get(RedisKeys.REBUILD_LOCK);
    }

    String token() {
        return token;
    }
}
