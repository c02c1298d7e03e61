package io.customerinfo.projector.store;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.state.StateCodec;
import io.customerinfo.core.state.StateDelta;
import io.customerinfo.readmodel.ChangeAnnouncement;
import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Customers' partial states and stored views in Redis. {@link #load} reads every customer of a poll in one
 * pipelined round trip, only what applying the poll needs; {@link #commit} writes every customer's delta and view
 * with one compare-and-set script per customer, all pipelined; the script announces each stored view it sets or
 * deletes on {@link ChangeAnnouncement#CHANNEL}, for the query API's near cache.
 */
public final class CustomerStateStore {

    private static final LuaScript COMMIT = LuaScript.fromClasspath("commit-customer");
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] DOC_SET = {'S'};
    private static final byte[] DOC_DELETE = {'D'};
    private static final byte[] DOC_KEEP = {'K'};
    private static final int RECENT_SHOWN = 10;
    private static final byte[] AGG_REV_FIELD = bytes(StateCodec.AGG_REV);

    /** What to read for one customer: the orders about to change (their ids) sizes the recent-index prefix. */
    public record LoadPlan(Set<Long> orderIds) {}

    /** What the stored view becomes. */
    public enum DocAction { SET, DELETE, KEEP }

    /** One customer's commit: its delta and the view to store with it. */
    public record Commit(StateDelta delta, DocAction docAction, byte[] doc) {}

    /** The result of committing a poll's customers. */
    public record CommitResult(Set<Long> conflicts, long bytesSent) {}

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ZoneId zone;
    private final int recentSlack;

    public CustomerStateStore(UnifiedJedis redis, RedisKeys keys, ZoneId zone, int recentSlack) {
        this.redis = redis;
        this.keys = keys;
        this.zone = zone;
        this.recentSlack = recentSlack;
    }

    public Map<Long, CustomerState> load(Map<Long, LoadPlan> plans) {
        record Reads(Response<Map<byte[], byte[]>> agg, Response<Map<byte[], byte[]>> ents,
                     Response<List<byte[]>> orders, List<Long> orderIds, Response<List<byte[]>> recent) {}
        Map<Long, Reads> reads = new HashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Map.Entry<Long, LoadPlan> e : plans.entrySet()) {
                long cid = e.getKey();
                // agg (with rev) first: a commit landing between these reads changes rev and fails the CAS
                Response<Map<byte[], byte[]>> agg = pipeline.hgetAll(keys.aggKey(cid));
                Response<Map<byte[], byte[]>> ents = pipeline.hgetAll(keys.entsKey(cid));
                List<Long> orderIds = new ArrayList<>(e.getValue().orderIds());
                Response<List<byte[]>> orders = null;
                if (!orderIds.isEmpty()) {
                    byte[][] fields = orderIds.stream().map(id -> bytes(StateCodec.ordersField(id)))
                            .toArray(byte[][]::new);
                    orders = pipeline.hmget(keys.ordersKey(cid), fields);
                }
                long prefix = RECENT_SHOWN + orderIds.size() + recentSlack;
                Response<List<byte[]>> recent = pipeline.zrevrange(keys.recentKey(cid), 0, prefix - 1);
                reads.put(e.getKey(), new Reads(agg, ents, orders, orderIds, recent));
            }
            pipeline.sync();
        }
        Map<Long, CustomerState> states = new HashMap<>();
        for (Map.Entry<Long, Reads> e : reads.entrySet()) {
            Reads r = e.getValue();
            Map<String, byte[]> orders = new HashMap<>();
            if (r.orders() != null) {
                List<byte[]> values = r.orders().get();
                for (int i = 0; i < r.orderIds().size(); i++) {
                    if (values.get(i) != null) {
                        orders.put(StateCodec.ordersField(r.orderIds().get(i)), values.get(i));
                    }
                }
            }
            try {
                states.put(e.getKey(), StateCodec.load(e.getKey(), zone, strings(r.ents().get()), orders,
                        strings(r.agg().get()), r.recent().get()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException("customer " + e.getKey() + " in generation " + keys.generation()
                        + " holds state this projector cannot read: " + ex.getMessage(), ex);
            }
        }
        return states;
    }

    public CommitResult commit(List<Commit> commits) {
        List<ScriptCalls.Call> calls = new ArrayList<>(commits.size());
        long bytes = 0;
        byte[] generation = ascii(keys.generation());
        for (Commit c : commits) {
            StateDelta d = c.delta();
            long cid = d.customerId();
            List<byte[]> keyList = List.of(keys.docKey(cid), keys.entsKey(cid), keys.ordersKey(cid), keys.aggKey(cid),
                    keys.recentKey(cid));
            List<byte[]> args = new ArrayList<>(11 + 2 * (d.entsSet().size() + d.ordersSet().size()
                    + d.aggSet().size() + d.recentAdd().size()) + d.aggDelete().size() + d.recentRemove().size());
            args.add(d.expectedRev() == 0 ? EMPTY : ascii(d.expectedRev()));
            args.add(switch (c.docAction()) {
                case SET -> DOC_SET;
                case DELETE -> DOC_DELETE;
                case KEEP -> DOC_KEEP;
            });
            args.add(c.docAction() == DocAction.SET ? c.doc() : EMPTY);
            addPairs(args, d.entsSet());
            addPairs(args, d.ordersSet());
            addAggPairs(args, d.aggSet(), d.newRev());
            args.add(ascii(d.aggDelete().size()));
            d.aggDelete().forEach(f -> args.add(bytes(f)));
            args.add(ascii(d.recentAdd().size()));
            for (StateDelta.ScoredMember m : d.recentAdd()) {
                args.add(ascii((long) m.score()));
                args.add(m.member());
            }
            args.add(ascii(d.recentRemove().size()));
            args.addAll(d.recentRemove());
            if (c.docAction() == DocAction.KEEP) {
                args.add(EMPTY);
                args.add(EMPTY);
                args.add(EMPTY);
            } else {
                // the script adds Redis's clock: the announcement lag is then commit to eviction, not queueing
                args.add(ChangeAnnouncement.CHANNEL_BYTES);
                args.add(generation);
                args.add(ascii(cid));
            }
            for (byte[] a : args) {
                bytes += a.length;
            }
            calls.add(new ScriptCalls.Call(COMMIT, keyList, args));
        }
        List<Object> results = ScriptCalls.run(redis, calls);
        Set<Long> conflicts = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            List<?> reply = (List<?>) results.get(i);
            if (((Long) reply.get(0)) != 1L) {
                conflicts.add(commits.get(i).delta().customerId());
            }
        }
        return new CommitResult(conflicts, bytes);
    }

    private static void addPairs(List<byte[]> args, Map<String, byte[]> pairs) {
        args.add(ascii(pairs.size()));
        for (Map.Entry<String, byte[]> e : pairs.entrySet()) {
            args.add(bytes(e.getKey()));
            args.add(e.getValue());
        }
    }

    /** The agg pairs with {@code rev} set to the new revision: the CAS counter moves in the same HSET as the data. */
    private static void addAggPairs(List<byte[]> args, Map<String, byte[]> agg, long newRev) {
        args.add(ascii(agg.size() + (agg.containsKey(StateCodec.AGG_REV) ? 0 : 1)));
        args.add(AGG_REV_FIELD);
        args.add(ascii(newRev));
        for (Map.Entry<String, byte[]> e : agg.entrySet()) {
            if (!e.getKey().equals(StateCodec.AGG_REV)) {
                args.add(bytes(e.getKey()));
                args.add(e.getValue());
            }
        }
    }

    private static Map<String, byte[]> strings(Map<byte[], byte[]> hash) {
        Map<String, byte[]> result = new HashMap<>(hash.size() * 2);
        hash.forEach((k, v) -> result.put(new String(k, StandardCharsets.UTF_8), v));
        return result;
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
