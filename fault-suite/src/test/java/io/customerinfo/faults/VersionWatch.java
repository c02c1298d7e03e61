package io.customerinfo.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Watches, while the stream runs, that no customer goes backwards: its revision ({@code agg.rev}) and the
 * version of every entity and order it holds ({@code ents}, {@code orders}: {@code L<version>|...} or
 * {@code T<version>}) never decrease, and no entity seen once disappears. A zombie projector that wrote a
 * batch it read before losing its partitions would show here as an older version after a newer one.
 */
final class VersionWatch implements AutoCloseable {

    private final JedisPooled jedis;
    private final List<Long> customerIds;
    private final RedisKeys keys = StoredDocuments.keys();
    private final Map<String, Long> seen = new HashMap<>();
    private final List<String> regressions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sweeps = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    VersionWatch(JedisPooled jedis, List<Long> customerIds) {
        this.jedis = jedis;
        this.customerIds = List.copyOf(customerIds);
        this.thread = new Thread(this::run, "version-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try {
                sweep();
                sweeps.incrementAndGet();
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
        }
    }

    /** One pipelined read of every watched customer, compared with everything seen before. */
    private void sweep() {
        Map<String, Response<String>> revs = new HashMap<>();
        Map<String, Response<Map<byte[], byte[]>>> hashes = new HashMap<>();
        try (Pipeline p = jedis.pipelined()) {
            for (long id : customerIds) {
                String cid = Long.toString(id);
                revs.put(cid, p.hget(keys.agg(cid), "rev"));
                hashes.put(cid + "|ents", p.hgetAll(RedisKeys.bytes(keys.ents(cid))));
                hashes.put(cid + "|orders", p.hgetAll(RedisKeys.bytes(keys.orders(cid))));
            }
            p.sync();
        }
        Map<String, Long> now = new HashMap<>();
        revs.forEach((cid, r) -> {
            if (r.get() != null) {
                now.put(cid + "|rev", Long.parseLong(r.get()));
            }
        });
        hashes.forEach((prefix, r) -> r.get().forEach((field, value) ->
                now.put(prefix + "|" + new String(field, StandardCharsets.UTF_8), version(value))));
        for (Map.Entry<String, Long> before : seen.entrySet()) {
            Long after = now.get(before.getKey());
            if (after == null) {
                regressions.add(before.getKey() + " disappeared (was " + before.getValue() + ")");
            } else if (after < before.getValue()) {
                regressions.add(before.getKey() + " went from " + before.getValue() + " back to " + after);
            }
        }
        seen.putAll(now);
    }

    /** {@code L<version>|...} or {@code T<version>}. */
    private static long version(byte[] value) {
        long v = 0;
        for (int i = 1; i < value.length && value[i] >= '0' && value[i] <= '9'; i++) {
            v = v * 10 + (value[i] - '0');
        }
        return v;
    }

    long sweeps() {
        return sweeps.get();
    }

    /** Versions tracked (customers' revisions and entities); read after {@link #close()}. */
    int tracked() {
        return seen.size();
    }

    List<String> regressions() {
        return List.copyOf(regressions);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("the version watch failed after " + sweeps.get() + " sweeps", failure);
        }
    }
}
