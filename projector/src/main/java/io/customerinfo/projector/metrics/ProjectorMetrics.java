package io.customerinfo.projector.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The projector's meters (Prometheus names in brackets):
 * <ul>
 * <li>{@code projector.events} {topic, outcome} [projector_events_total]: applied, stale, duplicate, dead_lettered
 * (the input was rejected), internal_error (our code threw on it; dead-lettered too, and logged), skipped</li>
 * <li>{@code projector.consumer.lag} {topic, partition} [projector_consumer_lag]: records behind the log end</li>
 * <li>{@code projector.projection.latency} {since=occurred_at|record_timestamp}: commit time minus the event's
 * {@code occurred_at} / the Kafka record timestamp (histogram)</li>
 * <li>{@code projector.redis.commit.latency}: one poll's customer commits (pipelined scripts), histogram</li>
 * <li>{@code projector.cas.retries}: customers reloaded and reapplied after a compare-and-set conflict</li>
 * <li>{@code projector.redis.bytes.written}: payload bytes sent to Redis by commit scripts, per event applied</li>
 * <li>{@code projector.batch.failures} {cause}: batches abandoned and replayed (Redis / broker unavailable)</li>
 * <li>{@code projector.replays}: partitions sought back to their Redis position after Redis lost writes</li>
 * </ul>
 */
public final class ProjectorMetrics {

    public enum Outcome {
        APPLIED, STALE, DUPLICATE, DEAD_LETTERED, INTERNAL_ERROR, SKIPPED;

        public String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Timer sinceOccurred;
    private final Timer sinceRecord;
    private final Timer redisCommit;
    private final Counter casRetries;
    private final DistributionSummary bytesWritten;
    private final Counter replays;

    public ProjectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sinceOccurred = latency("occurred_at");
        this.sinceRecord = latency("record_timestamp");
        this.redisCommit = Timer.builder("projector.redis.commit.latency")
                .description("Pipelined customer commits of one poll")
                .publishPercentileHistogram()
                .register(registry);
        this.casRetries = Counter.builder("projector.cas.retries")
                .description("Customers reloaded and reapplied after a compare-and-set conflict")
                .register(registry);
        this.bytesWritten = DistributionSummary.builder("projector.redis.bytes.written")
                .description("Bytes sent to Redis by the commit scripts of one poll, per event applied")
                .baseUnit("bytes")
                .register(registry);
        this.replays = Counter.builder("projector.replays")
                .description("Partitions sought back to the position Redis holds")
                .register(registry);
    }

    private Timer latency(String since) {
        return Timer.builder("projector.projection.latency")
                .description("Commit time minus the event's time")
                .tag("since", since)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    public void event(String topic, Outcome outcome, long count) {
        if (count == 0) {
            return;
        }
        events.computeIfAbsent(topic + '\0' + outcome.tag(), k -> Counter.builder("projector.events")
                        .description("Events by source topic and outcome")
                        .tag("topic", topic)
                        .tag("outcome", outcome.tag())
                        .register(registry))
                .increment(count);
    }

    public void lag(TopicPartition tp, long lag) {
        lags.computeIfAbsent(tp, p -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("projector.consumer.lag", holder, AtomicLong::get)
                    .description("Records between the consumer position and the log end")
                    .tag("topic", p.topic())
                    .tag("partition", Integer.toString(p.partition()))
                    .register(registry);
            return holder;
        }).set(lag);
    }

    public void latencySinceOccurred(long millis) {
        sinceOccurred.record(Math.max(0, millis), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public void latencySinceRecord(long millis) {
        sinceRecord.record(Math.max(0, millis), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public void redisCommit(long nanos) {
        redisCommit.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void casRetry() {
        casRetries.increment();
    }

    public void bytesWritten(long bytes, long events) {
        if (events > 0) {
            bytesWritten.record((double) bytes / events);
        }
    }

    public void replay(int partitions) {
        replays.increment(partitions);
    }

    public void batchFailure(String cause) {
        registry.counter("projector.batch.failures", "cause", cause).increment();
    }

    public double eventCount(String topic, Outcome outcome) {
        Counter c = events.get(topic + '\0' + outcome.tag());
        return c == null ? 0 : c.count();
    }
}
