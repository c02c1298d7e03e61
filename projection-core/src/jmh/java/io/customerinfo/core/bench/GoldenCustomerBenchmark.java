package io.customerinfo.core.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import io.customerinfo.core.state.StateCodec;
import io.customerinfo.core.state.StateDelta;

/**
 * Apply + render for the contract's customer 62640 on one thread: each op applies the next sample
 * event again with a higher version (so it is really applied) and renders the whole document.
 * {@code loadApplyDeltaRender} does what the projector does per event of this customer: load the
 * state from its Redis bytes (ents, the changed order if any, agg, the top of recent), apply, delta,
 * render the stored view.
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
        StateDelta initial = state.delta();
        ents = new HashMap<>(initial.entsSet());
        orders = new HashMap<>(initial.ordersSet());
        agg = new HashMap<>(initial.aggSet());
        state.markCommitted(initial.newRev());
        recent = new ArrayList<>();
        state.recentOrders().forEach(e -> recent.add(e.member()));
    }

    private Map<String, byte[]> ents;
    private Map<String, byte[]> orders;
    private Map<String, byte[]> agg;
    private List<byte[]> recent;

    @Benchmark
    public byte[] loadApplyDeltaRender() {
        ChangeEvent event = nextEvent();
        Map<String, byte[]> changedOrder = new HashMap<>(2);
        if (event.kind() == io.customerinfo.core.event.EntityKind.ORDER) {
            String field = StateCodec.ordersField(event.id());
            changedOrder.put(field, orders.get(field));
        }
        CustomerState loaded = StateCodec.load(62640, CustomerState.DEFAULT_ZONE, ents, changedOrder, agg, recent);
        if (loaded.apply(event) != Outcome.APPLIED) {
            throw new IllegalStateException("not applied: " + event.describe());
        }
        StateDelta delta = loaded.delta();
        ents.putAll(delta.entsSet());
        orders.putAll(delta.ordersSet());
        agg.putAll(delta.aggSet());
        delta.aggDelete().forEach(agg::remove);
        return renderer.renderView(loaded, NOW, delta.newRev()).orElseThrow().bytes();
    }

    private ChangeEvent nextEvent() {
        ChangeEvent sample = samples.get(next);
        next = (next + 1) % samples.size();
        return new ChangeEvent(sample.eventId(), sample.op(), sample.kind(), sample.id(), sample.customerId(),
                ++version, sample.occurredAt(), sample.data());
    }

    @Benchmark
    public byte[] applyAndRender() {
        ChangeEvent event = nextEvent();
        if (state.apply(event) != Outcome.APPLIED) {
            throw new IllegalStateException("not applied: " + event.describe());
        }
        return renderer.render(state, NOW).orElseThrow();
    }
}
