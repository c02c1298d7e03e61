package io.customerinfo.projector.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import redis.clients.jedis.UnifiedJedis;

import io.customerinfo.readmodel.RedisKeys;

/**
 * The applied positions of one consumer group, kept in Redis beside the data ({@code cinfo:g<N>:pos:{<group>}}).
 * They, not Kafka's committed offsets, say where a partition resumes: Redis restarted from its AOF may have lost
 * its last second of writes, and then the positions went back with the data.
 */
public final class PositionStore {

    private static final LuaScript PUT = LuaScript.fromClasspath("positions-put");

    private final UnifiedJedis redis;
    private final byte[] key;

    public PositionStore(UnifiedJedis redis, RedisKeys keys, String groupId) {
        this.redis = redis;
        this.key = RedisKeys.bytes(keys.positions(groupId));
    }

    /** Next offset to apply per partition; a partition without a stored position is absent (start from the beginning). */
    public Map<TopicPartition, Long> read(Collection<TopicPartition> partitions) {
        List<TopicPartition> ordered = new ArrayList<>(partitions);
        Map<TopicPartition, Long> positions = new HashMap<>();
        if (ordered.isEmpty()) {
            return positions;
        }
        byte[][] fields = new byte[ordered.size()][];
        for (int i = 0; i < ordered.size(); i++) {
            fields[i] = field(ordered.get(i));
        }
        List<byte[]> values = redis.hmget(key, fields);
        for (int i = 0; i < ordered.size(); i++) {
            byte[] value = values.get(i);
            if (value != null) {
                positions.put(ordered.get(i), Long.parseLong(new String(value, StandardCharsets.US_ASCII)));
            }
        }
        return positions;
    }

    /**
     * Moves each partition from the position this consumer last saw ({@code expected}, null = none) to {@code next}.
     *
     * @return the partitions whose stored position was not the expected one and is behind {@code next}: they were
     *     not written and must be re-read and replayed from the stored position
     */
    public Set<TopicPartition> advance(Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return Set.of();
        }
        List<byte[]> args = new ArrayList<>(next.size() * 3);
        Map<String, TopicPartition> byField = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            byte[] field = field(e.getKey());
            byField.put(new String(field, StandardCharsets.UTF_8), e.getKey());
            Long prev = expected.get(e.getKey());
            args.add(field);
            args.add(prev == null ? new byte[0] : Long.toString(prev).getBytes(StandardCharsets.US_ASCII));
            args.add(Long.toString(e.getValue()).getBytes(StandardCharsets.US_ASCII));
        }
        List<Object> results = ScriptCalls.run(redis, List.of(new ScriptCalls.Call(PUT, List.of(key), args)));
        Set<TopicPartition> mismatched = new HashSet<>();
        for (Object field : (List<?>) results.get(0)) {
            mismatched.add(byField.get(new String((byte[]) field, StandardCharsets.UTF_8)));
        }
        return mismatched;
    }

    private static byte[] field(TopicPartition tp) {
        return RedisKeys.positionField(tp.topic(), tp.partition()).getBytes(StandardCharsets.UTF_8);
    }
}
