package io.customerinfo.core.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.state.Outcome;

/**
 * Apply + render for the contract's customer 62640 on one thread: each op applies the next sample
 * event again with a higher version (so it is really applied) and renders the whole document.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GoldenCustomerBenchmark {

    private static final Instant NOW = OffsetDateTime.parse("2020-06-16T10:00:00+08:00").toInstant();

    private final DocumentRenderer renderer = new DocumentRenderer();
    private List<ChangeEvent> samples;
    private CustomerState state;
    private long version;
    private int next;

    @Setup
    public void setUp() {
        samples = Samples.events();
        state = CustomerState.empty(62640);
        samples.forEach(state::apply);
        version = 2_000_000_000_000L;
    }

    @Benchmark
    public byte[] applyAndRender() {
        ChangeEvent sample = samples.get(next);
        next = (next + 1) % samples.size();
        ChangeEvent event = new ChangeEvent(sample.eventId(), sample.op(), sample.kind(), sample.id(), sample.customerId(),
                ++version, sample.occurredAt(), sample.data());
        if (state.apply(event) != Outcome.APPLIED) {
            throw new IllegalStateException("not applied: " + event.describe());
        }
        return renderer.render(state, NOW).orElseThrow();
    }
}
