package io.customerinfo.projector.it;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;

import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.StoredView;
import redis.clients.jedis.UnifiedJedis;

/** What a test reads back from Redis: applied positions and stored views of one generation (default 1). */
final class RedisProbe {

    private final Supplier<UnifiedJedis> redis;
    private final RedisKeys keys;

    RedisProbe(Supplier<UnifiedJedis> redis) {
        this(redis, 1);
    }

    RedisProbe(Supplier<UnifiedJedis> redis, int generation) {
        this.redis = redis;
        this.keys = new RedisKeys(generation, 1024);
    }

    /** Waits until the group's positions in Redis reach every given end offset. */
    void awaitApplied(String group, Map<TopicPartition, Long> endOffsets, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> caughtUp(group, endOffsets));
    }

    boolean caughtUp(String group, Map<TopicPartition, Long> endOffsets) {
        Map<String, String> positions = redis.get().hgetAll(keys.positions(group));
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

    /** The stored view of a customer, or null when Redis holds none. */
    StoredView view(long customerId) {
        byte[] bytes = redis.get().get(RedisKeys.bytes(keys.doc(Long.toString(customerId))));
        return bytes == null ? null : StoredView.parse(bytes);
    }

    String document(long customerId, int servingMonth) {
        StoredView view = view(customerId);
        return view == null ? null : new String(view.document(servingMonth), StandardCharsets.UTF_8);
    }
}
