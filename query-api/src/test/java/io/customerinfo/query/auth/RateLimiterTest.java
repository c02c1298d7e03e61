package io.customerinfo.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void allowsTheBurstThenTheSustainedRate() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        RateLimiter limiter = RateLimiter.of(10, 3, now::get);
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        long wait = limiter.tryAcquire();
        assertThat(wait).isPositive().isLessThanOrEqualTo(100_000_000L);
        now.addAndGet(wait);
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isPositive();
        now.addAndGet(1_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
        assertThat(limiter.tryAcquire()).isPositive();
    }

    @Test
    void unlimitedNeverRefuses() {
        RateLimiter limiter = RateLimiter.unlimited();
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
    }
}
