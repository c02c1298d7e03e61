package io.customerinfo.projector.rebuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * The state of the current or last rebuild, kept in Redis ({@code cinfo:rebuild}, a hash) so that any instance can
 * answer for it, cancel it, and resume it after a crash. Fields: {@code status}, {@code source} and {@code target}
 * generations, {@code group} (the rebuild's consumer group), {@code started_at}, {@code updated_at},
 * {@code finished_at}, {@code progress} (JSON), {@code cancel} (requested), {@code resumed} (times), {@code message},
 * {@code last_target} (the highest generation a rebuild ever targeted) and, during the hand-over,
 * {@link RedisKeys#HANDOFF}.
 */
final class RebuildLedger {

    /** One read of the ledger. */
    record Entry(RebuildStatus status, int source, int target, String group, Map<String, String> fields) {

        boolean cancelRequested() {
            return fields.containsKey("cancel");
        }
    }

    private final UnifiedJedis redis;

    RebuildLedger(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** The current or last rebuild, or null when there was none (or Redis was flushed since). */
    Entry read() {
        Map<String, String> fields = redis.hgetAll(RedisKeys.REBUILD);
        if (fields.isEmpty() || !fields.containsKey("status")) {
            return null;
        }
        return new Entry(RebuildStatus.valueOf(fields.get("status")), Integer.parseInt(fields.get("source")),
                Integer.parseInt(fields.get("target")), fields.get("group"), fields);
    }

    int lastTarget() {
        String last = redis.hget(RedisKeys.REBUILD, "last_target");
        return last == null ? 0 : Integer.parseInt(last);
    }

    /** Replaces the last rebuild's record with a new one, in RUNNING. */
    void begin(int source, int target, String group, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", RebuildStatus.RUNNING.name());
        fields.put("source", Integer.toString(source));
        fields.put("target", Integer.toString(target));
        fields.put("group", group);
        fields.put("started_at", now.toString());
        fields.put("updated_at", now.toString());
        fields.put("last_target", Integer.toString(target));
        fields.put("resumed", "0");
        redis.del(RedisKeys.REBUILD);
        redis.hset(RedisKeys.REBUILD, fields);
    }

    void status(RebuildStatus status, Instant now, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", status.name());
        fields.put("updated_at", now.toString());
        if (message != null) {
            fields.put("message", message);
        }
        if (!status.unfinished()) {
            fields.put("finished_at", now.toString());
        }
        redis.hset(RedisKeys.REBUILD, fields);
    }

    /** Starts the hand-over: live consumers write {@code target} from now on (one write: status and marker). */
    void handOver(int target, Instant now) {
        redis.hset(RedisKeys.REBUILD, Map.of("status", RebuildStatus.HANDOFF.name(), RedisKeys.HANDOFF,
                Integer.toString(target), "handoff_at", now.toString(), "updated_at", now.toString()));
    }

    void endHandOver() {
        redis.hdel(RedisKeys.REBUILD, RedisKeys.HANDOFF);
    }

    void progress(String json, Instant now) {
        redis.hset(RedisKeys.REBUILD, Map.of("progress", json, "updated_at", now.toString()));
    }

    void resumed() {
        redis.hincrBy(RedisKeys.REBUILD, "resumed", 1);
    }

    /** @return false when there is no running rebuild to cancel */
    boolean requestCancel() {
        Entry entry = read();
        if (entry == null || entry.status() != RebuildStatus.RUNNING) {
            return false;
        }
        redis.hset(RedisKeys.REBUILD, "cancel", Instant.now().toString());
        return true;
    }
}
