package io.customerinfo.projector.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.route.Owner;
import io.customerinfo.core.route.OwnerIndex;
import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The owner index in Redis: {@code <kind>:<id>} -> {@code <customer id>:<version>}, spread over bucket hashes
 * ({@code cinfo:g<N>:own:{<bucket>}}) so that it spreads over a cluster. Reads are one pipelined round trip per
 * poll; writes one pipelined round trip of a set-if-higher script per bucket.
 */
public final class OwnerIndexStore {

    private static final LuaScript PUT = LuaScript.fromClasspath("owner-index-put");

    /** A child entity. */
    public record EntityRef(EntityKind kind, long id) {
        public String field() {
            return OwnerIndex.field(kind, id);
        }
    }

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public OwnerIndexStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The stored owner of each entity; entities without one are absent. */
    public Map<EntityRef, Owner> read(Iterable<EntityRef> entities) {
        Map<String, List<EntityRef>> byBucket = byBucket(entities);
        Map<EntityRef, Owner> owners = new HashMap<>();
        if (byBucket.isEmpty()) {
            return owners;
        }
        Map<String, Response<List<byte[]>>> responses = new HashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Map.Entry<String, List<EntityRef>> bucket : byBucket.entrySet()) {
                byte[][] fields = bucket.getValue().stream().map(e -> utf8(e.field())).toArray(byte[][]::new);
                responses.put(bucket.getKey(), pipeline.hmget(utf8(bucket.getKey()), fields));
            }
            pipeline.sync();
        }
        for (Map.Entry<String, List<EntityRef>> bucket : byBucket.entrySet()) {
            List<byte[]> values = responses.get(bucket.getKey()).get();
            List<EntityRef> refs = bucket.getValue();
            for (int i = 0; i < refs.size(); i++) {
                if (values.get(i) != null) {
                    owners.put(refs.get(i), Owner.decode(values.get(i)));
                }
            }
        }
        return owners;
    }

    /** Stores each owner unless the index already holds a higher version for that entity. */
    public void write(Map<EntityRef, Owner> owners) {
        Map<String, List<EntityRef>> byBucket = byBucket(owners.keySet());
        List<ScriptCalls.Call> calls = new ArrayList<>(byBucket.size());
        for (Map.Entry<String, List<EntityRef>> bucket : byBucket.entrySet()) {
            List<byte[]> args = new ArrayList<>(bucket.getValue().size() * 2);
            for (EntityRef ref : bucket.getValue()) {
                args.add(utf8(ref.field()));
                args.add(owners.get(ref).encode());
            }
            calls.add(new ScriptCalls.Call(PUT, List.of(utf8(bucket.getKey())), args));
        }
        ScriptCalls.run(redis, calls);
    }

    private Map<String, List<EntityRef>> byBucket(Iterable<EntityRef> entities) {
        Map<String, List<EntityRef>> byBucket = new LinkedHashMap<>();
        for (EntityRef ref : entities) {
            byBucket.computeIfAbsent(keys.ownerIndex(ref.kind().wireName(), Long.toString(ref.id())),
                    k -> new ArrayList<>()).add(ref);
        }
        return byBucket;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
