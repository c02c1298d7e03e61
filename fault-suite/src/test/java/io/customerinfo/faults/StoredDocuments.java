package io.customerinfo.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.StoredView;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** What the suite reads back from one Redis server: stored views and applied positions of generation 1. */
final class StoredDocuments implements AutoCloseable {

    private static final RedisKeys KEYS = new RedisKeys(1, 1024);

    private final JedisPooled jedis;

    StoredDocuments(String host, int port) {
        // a pooled connection does not survive a Redis SIGKILL: check each one before use
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setTestOnBorrow(true);
        this.jedis = new JedisPooled(pool, host, port);
    }

    /** The document served for {@code month} of each customer that has one (pipelined). */
    Map<Long, String> documents(List<Long> ids, int month) {
        Map<Long, String> out = new HashMap<>();
        try (Pipeline p = jedis.pipelined()) {
            Map<Long, Response<byte[]>> responses = new HashMap<>();
            for (long id : ids) {
                responses.put(id, p.get(RedisKeys.bytes(KEYS.doc(Long.toString(id)))));
            }
            p.sync();
            responses.forEach((id, r) -> {
                byte[] bytes = r.get();
                if (bytes != null) {
                    out.put(id, new String(StoredView.parse(bytes).document(month), StandardCharsets.UTF_8));
                }
            });
        }
        return out;
    }

    /** True when the group's positions in Redis reach every end offset given. */
    boolean caughtUp(String group, Map<TopicPartition, Long> endOffsets) {
        Map<String, String> positions = jedis.hgetAll(KEYS.positions(group));
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            String at = positions.get(RedisKeys.positionField(e.getKey().topic(), e.getKey().partition()));
            if (at == null || Long.parseLong(at) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Sum of the group's applied positions: how far the projector has got, for progress checks. */
    long appliedTotal(String group) {
        return jedis.hgetAll(KEYS.positions(group)).values().stream().mapToLong(Long::parseLong).sum();
    }

    JedisPooled jedis() {
        return jedis;
    }

    static RedisKeys keys() {
        return KEYS;
    }

    /** Waits (Awaitility, explicit timeout) until the group has applied everything up to {@code endOffsets}. */
    void awaitCaughtUp(String group, Map<TopicPartition, Long> endOffsets, Duration timeout) {
        org.awaitility.Awaitility.await("projector group " + group + " caught up with " + endOffsets.values().stream()
                        .mapToLong(Long::longValue).sum() + " records")
                .atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> caughtUp(group, endOffsets));
    }

    @Override
    public void close() {
        jedis.close();
    }
}
