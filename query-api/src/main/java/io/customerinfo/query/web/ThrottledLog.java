package io.customerinfo.query.web;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/** At most one warning a second (with the count of those left out), so that an outage does not flood the log. */
final class ThrottledLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Logger log;
    private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledLog(Logger log) {
        this.log = log;
    }

    void warn(String path, Exception e) {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
            long left = suppressed.getAndSet(0);
            log.warn("{} answered 1503 ({} more in the last second): {}", path, left, e.getMessage());
        } else {
            suppressed.incrementAndGet();
        }
    }
}
