package io.customerinfo.core.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.ChildData;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.event.Op;
import io.customerinfo.core.event.OrderData;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.state.RecentEntry;
import io.customerinfo.core.state.StateCodec;
import io.customerinfo.core.state.StateDelta;

/**
 * Cost of one order event for a customer with 200 contacts and {@code orders} orders: each op updates
 * a random existing order (new version, new amount). Three views of it:
 * {@code apply} (in memory), {@code applyAndRender}, and {@code loadApplyDeltaRender}: what the
 * projector does per customer - load from bytes (the ents hash, that order, agg, the top 11 of the
 * recent index), apply, compute the delta, render.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OrderEventCostBenchmark {

    private static final long CUSTOMER = 62640;
    private static final Instant NOW = OffsetDateTime.parse("2020-06-16T10:00:00+08:00").toInstant();
    private static final long START = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();
    private static final int RECENT_LOADED = 11;
    /** Redis's order for a reverse range: score descending, equal scores by member bytes descending. */
    private static final Comparator<StateDelta.ScoredMember> ZREVRANGE_ORDER = (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        return byScore != 0 ? byScore : Arrays.compareUnsigned(b.member(), a.member());
    };

    @Param({"10", "100000"})
    public int orders;

    private final DocumentRenderer renderer = new DocumentRenderer();
    private final SplittableRandom random = new SplittableRandom(42);
    private CustomerState state;
    private long[] createdAt;
    private long version;

    // the same customer as Redis bytes (its recent sorted set in full), kept current by loadApplyDeltaRender
    private Map<String, byte[]> ents;
    private Map<String, byte[]> orderRecords;
    private Map<String, byte[]> agg;
    private NavigableSet<StateDelta.ScoredMember> recent;

    @Setup
    public void setUp() {
        state = CustomerState.empty(CUSTOMER);
        for (ChangeEvent sample : Samples.events()) {
            if (sample.kind() == EntityKind.CUSTOMER) {
                state.apply(sample);
            }
        }
        for (int i = 1; i <= 200; i++) {
            String json = "{\"id\":\"" + (100000 + i) + "\",\"customer_id\":\"62640\",\"name\":\"联系人 " + i
                    + "\",\"title\":\"采购\",\"mobile\":\"1822123" + String.format("%04d", i) + "\",\"is_default\":\"" + (i == 1 ? 1 : 0)
                    + "\",\"created_at\":\"1592205870\",\"updated_at\":\"1592205870\"}";
            state.apply(new ChangeEvent("c" + i, Op.UPSERT, EntityKind.CONTACT, 100000 + i, CUSTOMER, 1, 1,
                    new ChildData(json.getBytes(StandardCharsets.UTF_8), i == 1)));
        }
        createdAt = new long[orders];
        long span = NOW.getEpochSecond() - START;
        for (int i = 0; i < orders; i++) {
            createdAt[i] = START + random.nextLong(span);
            state.apply(orderEvent(i, 1));
        }
        version = 1;
        // the initial bytes: everything applied so far, as one delta from an empty customer
        StateDelta initial = state.delta();
        ents = new HashMap<>(initial.entsSet());
        orderRecords = new HashMap<>(initial.ordersSet());
        agg = new HashMap<>(initial.aggSet());
        state.markCommitted(initial.newRev());
        recent = new TreeSet<>(ZREVRANGE_ORDER);
        recent.addAll(initial.recentAdd());
        if (recent.size() != state.recentOrders().size()) {
            throw new IllegalStateException("the initial delta holds " + recent.size() + " recent members, the state "
                    + state.recentOrders().size());
        }
    }

    /** What {@code ZREVRANGE recent 0 10} returns: the projector loads the shown 10 plus one per order it applies. */
    private List<byte[]> recentTop() {
        List<byte[]> top = new ArrayList<>(RECENT_LOADED);
        for (StateDelta.ScoredMember m : recent) {
            if (top.size() == RECENT_LOADED) {
                break;
            }
            top.add(m.member());
        }
        return top;
    }

    private ChangeEvent orderEvent(int index, long v) {
        long amount = 100 + random.nextInt(1_000_000);
        OrderData data = new OrderData(createdAt[index], "SO" + (900000 + index), amount, random.nextInt(2) == 0 ? amount : 0,
                random.nextInt(20) == 0 ? "cancelled" : "open");
        return new ChangeEvent("o" + index + "-" + v, Op.UPSERT, EntityKind.ORDER, 900000 + index, CUSTOMER, v, v, data);
    }

    @Benchmark
    public Object apply() {
        return state.apply(orderEvent(random.nextInt(orders), ++version));
    }

    @Benchmark
    public byte[] applyAndRender() {
        state.apply(orderEvent(random.nextInt(orders), ++version));
        return renderer.render(state, NOW).orElseThrow();
    }

    @Benchmark
    public byte[] loadApplyDeltaRender() {
        int index = random.nextInt(orders);
        String field = StateCodec.ordersField(900000 + index);
        Map<String, byte[]> one = new HashMap<>(2);
        byte[] record = orderRecords.get(field);
        if (record != null) {
            one.put(field, record);
        }
        CustomerState loaded = StateCodec.load(CUSTOMER, CustomerState.DEFAULT_ZONE, ents, one, agg, recentTop());
        loaded.apply(orderEvent(index, ++version));
        StateDelta delta = loaded.delta();
        orderRecords.putAll(delta.ordersSet());
        agg.putAll(delta.aggSet());
        delta.aggDelete().forEach(agg::remove);
        // a member's score is its created_at, which the member spells: the set finds it in log n
        delta.recentRemove().forEach(member -> recent.remove(new StateDelta.ScoredMember(member,
                RecentEntry.fromMember(member).score())));
        recent.addAll(delta.recentAdd());
        return renderer.render(loaded, NOW).orElseThrow();
    }
}
