package io.customerinfo.projector.kafka;

import java.time.Duration;

/** Exponential back-off, doubled per consecutive failure and capped; reset by a success. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The pause before the next attempt; doubles the one after it. */
    Duration nextPause() {
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return pause;
    }

    void reset() {
        next = initial;
    }
}
