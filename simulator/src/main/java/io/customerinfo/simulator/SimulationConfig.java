package io.customerinfo.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to generate. Rates are per change event: with {@code duplicateRate} 0.1 about one event in ten is
 * emitted twice; {@code poisonRate} 0.01 adds about one poison record per hundred events; a delete is followed
 * by its key's tombstone with probability {@code tombstoneRate}. {@code events} counts change events only
 * (duplicates, tombstones and poison come on top).
 *
 * @param ordersPerCustomer when positive, the history mode for benchmarks: every customer gets its customer,
 *                          one contact, address and invoice and then this many orders; {@code events} and
 *                          {@code mix} are ignored
 * @param reorderRate       probability that a record swaps place with one up to {@code reorderWindow} records later
 * @param maxOversized      cap on {@link PoisonKind#OVERSIZED} records (2 MiB each) per stream, to bound memory
 * @param start             the source clock at the first event; events spread over {@code span}
 */
public record SimulationConfig(
        long seed,
        int customers,
        int events,
        int ordersPerCustomer,
        EventMix mix,
        double deleteRate,
        double moveRate,
        double tombstoneRate,
        double duplicateRate,
        double reorderRate,
        int reorderWindow,
        double poisonRate,
        Set<PoisonKind> poisonKinds,
        int maxOversized,
        Topics topics,
        Instant start,
        Duration span) {

    /** 2025-06-01T00:00+08:00: fixed, so that a seed alone fixes the stream. */
    public static final Instant DEFAULT_START = Instant.parse("2025-05-31T16:00:00Z");

    public SimulationConfig {
        requireRange("customers", customers, 1, Integer.MAX_VALUE);
        requireRange("events", events, 0, Integer.MAX_VALUE);
        requireRange("ordersPerCustomer", ordersPerCustomer, 0, Integer.MAX_VALUE);
        requireRate("deleteRate", deleteRate);
        requireRate("moveRate", moveRate);
        requireRate("tombstoneRate", tombstoneRate);
        requireRate("duplicateRate", duplicateRate);
        requireRate("reorderRate", reorderRate);
        requireRate("poisonRate", poisonRate);
        requireRange("reorderWindow", reorderWindow, 1, 1_000_000);
        requireRange("maxOversized", maxOversized, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(span, "span");
        poisonKinds = poisonKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(poisonKinds));
        if (poisonRate > 0 && poisonKinds.isEmpty()) {
            throw new IllegalArgumentException("poisonRate " + poisonRate + " needs at least one poison kind");
        }
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive: " + span);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean historyMode() {
        return ordersPerCustomer > 0;
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + rate);
        }
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within [" + min + ", " + max + "]: " + value);
        }
    }

    /** Defaults: seed 1, 100 customers, 10 000 events, standard mix, 5% deletes, 3% moves, no damage. */
    public static final class Builder {
        private long seed = 1;
        private int customers = 100;
        private int events = 10_000;
        private int ordersPerCustomer;
        private EventMix mix = EventMix.standard();
        private double deleteRate = 0.05;
        private double moveRate = 0.03;
        private double tombstoneRate = 0.5;
        private double duplicateRate;
        private double reorderRate;
        private int reorderWindow = 20;
        private double poisonRate;
        private Set<PoisonKind> poisonKinds = EnumSet.allOf(PoisonKind.class);
        private int maxOversized = 8;
        private Topics topics = Topics.defaults();
        private Instant start = DEFAULT_START;
        private Duration span = Duration.ofDays(180);

        private Builder() {
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder customers(int v) { customers = v; return this; }
        public Builder events(int v) { events = v; return this; }
        public Builder ordersPerCustomer(int v) { ordersPerCustomer = v; return this; }
        public Builder mix(EventMix v) { mix = v; return this; }
        public Builder deleteRate(double v) { deleteRate = v; return this; }
        public Builder moveRate(double v) { moveRate = v; return this; }
        public Builder tombstoneRate(double v) { tombstoneRate = v; return this; }
        public Builder duplicateRate(double v) { duplicateRate = v; return this; }
        public Builder reorderRate(double v) { reorderRate = v; return this; }
        public Builder reorderWindow(int v) { reorderWindow = v; return this; }
        public Builder poisonRate(double v) { poisonRate = v; return this; }
        public Builder poisonKinds(Set<PoisonKind> v) { poisonKinds = v; return this; }
        public Builder maxOversized(int v) { maxOversized = v; return this; }
        public Builder topics(Topics v) { topics = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder span(Duration v) { span = v; return this; }

        public SimulationConfig build() {
            return new SimulationConfig(seed, customers, events, ordersPerCustomer, mix, deleteRate, moveRate,
                    tombstoneRate, duplicateRate, reorderRate, reorderWindow, poisonRate, poisonKinds, maxOversized,
                    topics, start, span);
        }
    }
}
