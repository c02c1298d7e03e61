package io.customerinfo.query.auth;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket in its lock-free GCRA form: {@code perSecond} sustained, up to {@code burst} at once.
 * {@link #tryAcquire} answers 0 when the request may go ahead, else the nanoseconds until it could.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong theoreticalArrival;

    private RateLimiter(long intervalNanos, long toleranceNanos, LongSupplier nanoTime) {
        this.intervalNanos = intervalNanos;
        this.toleranceNanos = toleranceNanos;
        this.nanoTime = nanoTime;
        this.theoreticalArrival = intervalNanos == 0 ? null : new AtomicLong(nanoTime.getAsLong());
    }

    /** A limiter that never refuses. */
    public static RateLimiter unlimited() {
        return new RateLimiter(0, 0, () -> 0);
    }

    public static RateLimiter of(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1, got " + perSecond
                    + " and " + burst);
        }
        long interval = Math.max(1, (long) (1_000_000_000d / perSecond));
        return new RateLimiter(interval, interval * burst, nanoTime);
    }

    public long tryAcquire() {
        if (theoreticalArrival == null) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        while (true) {
            long tat = theoreticalArrival.get();
            long next = (tat - now > 0 ? tat : now) + intervalNanos;
            long wait = next - now - toleranceNanos;
            if (wait > 0) {
                return wait;
            }
            if (theoreticalArrival.compareAndSet(tat, next)) {
                return 0;
            }
        }
    }
}
