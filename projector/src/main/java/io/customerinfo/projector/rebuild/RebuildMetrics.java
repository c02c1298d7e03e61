package io.customerinfo.projector.rebuild;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The rebuild's meters (Prometheus names in brackets): {@code projector.rebuild.lag} {topic, partition}
 * [projector_rebuild_lag], {@code projector.rebuild.rate} [projector_rebuild_rate_records_per_second],
 * {@code projector.rebuild.eta} [projector_rebuild_eta_seconds], {@code projector.rebuild.target.generation}
 * [projector_rebuild_target_generation] and {@code projector.rebuild.running} [projector_rebuild_running], 1 while
 * this instance runs a rebuild.
 */
final class RebuildMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final AtomicLong rate = new AtomicLong();
    private final AtomicLong eta = new AtomicLong(-1);
    private final AtomicLong target = new AtomicLong();
    private final AtomicLong running = new AtomicLong();

    RebuildMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("projector.rebuild.rate", rate, AtomicLong::get).baseUnit("records.per.second")
                .description("Records replayed per second by the running rebuild").register(registry);
        Gauge.builder("projector.rebuild.eta", eta, AtomicLong::get).baseUnit("seconds")
                .description("Estimated time until the rebuild catches up; -1 = unknown").register(registry);
        Gauge.builder("projector.rebuild.target.generation", target, AtomicLong::get)
                .description("Generation the running rebuild writes").register(registry);
        Gauge.builder("projector.rebuild.running", running, AtomicLong::get)
                .description("1 while this instance runs a rebuild").register(registry);
    }

    void started(int generation) {
        target.set(generation);
        running.set(1);
    }

    void record(RebuildProgress progress) {
        rate.set(Math.round(progress.recordsPerSecond()));
        eta.set(progress.eta() == null ? -1 : progress.eta().toSeconds());
        progress.lag().forEach((partition, lag) -> lags.computeIfAbsent(partition, this::register).set(lag));
    }

    void stopped() {
        running.set(0);
        rate.set(0);
        eta.set(-1);
    }

    private AtomicLong register(String partition) {
        AtomicLong value = new AtomicLong();
        int colon = partition.lastIndexOf(':');
        Gauge.builder("projector.rebuild.lag", value, AtomicLong::get)
                .description("Records the rebuild is behind the log end")
                .tags(Tags.of("topic", partition.substring(0, colon), "partition", partition.substring(colon + 1)))
                .register(registry);
        return value;
    }
}
