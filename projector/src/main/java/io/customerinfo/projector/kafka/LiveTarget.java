package io.customerinfo.projector.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import io.customerinfo.projector.kafka.ConsumerLoop.Generation;
import io.customerinfo.projector.store.WriterGeneration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The write target of a live consumer loop: the generation {@link WriterGeneration} names, re-read from Redis at
 * most every {@code interval}, so that the loop follows a rebuild's hand-over within that interval. One per loop.
 */
public final class LiveTarget implements ConsumerLoop.WriteTarget {

    private final UnifiedJedis redis;
    private final IntFunction<Generation> generations;
    private final long intervalNanos;
    private final Map<Integer, Generation> built = new ConcurrentHashMap<>();
    private Generation current;
    private long readAt;
    private volatile int number;

    public LiveTarget(UnifiedJedis redis, Duration interval, IntFunction<Generation> generations) {
        this.redis = redis;
        this.generations = generations;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public Generation current() {
        long now = System.nanoTime();
        if (current == null || now - readAt >= intervalNanos) {
            int resolved = WriterGeneration.resolve(redis);
            current = built.computeIfAbsent(resolved, generations::apply);
            readAt = now;
            number = resolved;
        }
        return current;
    }

    /** The generation last resolved; 0 before the first. */
    public int number() {
        return number;
    }
}
