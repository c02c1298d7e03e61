package io.customerinfo.projector.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads documents in a loop the way the query API serves them: the generation from {@code cinfo:active}, re-read
 * once a second (as the query API's background refresh does), then one {@code GET} of the customer's stored view.
 * The candidates are customers the stream never deletes: once a read found one's document (it exists), every later
 * read must find it too, whichever generation serves it; anything else is recorded as a failure.
 */
final class DocumentReader implements AutoCloseable {

    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final UnifiedJedis redis;
    private final List<Long> customers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong reads = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Set<Integer> generationsSeen = new ConcurrentSkipListSet<>();
    private final Set<Long> existing = new ConcurrentSkipListSet<>();
    private final Thread thread;

    DocumentReader(UnifiedJedis redis, Set<Long> customers) {
        this.redis = redis;
        this.customers = List.copyOf(customers);
        this.thread = new Thread(this::loop, "document-reader");
        thread.start();
    }

    private void loop() {
        int generation = active();
        long readAt = System.nanoTime();
        while (running.get()) {
            for (long cid : customers) {
                if (!running.get()) {
                    return;
                }
                if (System.nanoTime() - readAt >= REFRESH_NANOS) {
                    try {
                        generation = active();
                    } catch (RuntimeException e) {
                        failures.add("reading cinfo:active failed: " + e);
                    }
                    readAt = System.nanoTime();
                }
                generationsSeen.add(generation);
                try {
                    byte[] doc = redis.get(RedisKeys.bytes(new RedisKeys(generation, 1024).doc(Long.toString(cid))));
                    if (doc != null) {
                        existing.add(cid);
                    } else if (existing.contains(cid)) {
                        failures.add("customer " + cid + ": no document in generation " + generation
                                + " (would answer 1004)");
                    }
                } catch (RuntimeException e) {
                    failures.add("customer " + cid + ": read failed in generation " + generation + ": " + e);
                }
                reads.incrementAndGet();
            }
        }
    }

    private int active() {
        String active = redis.get(RedisKeys.ACTIVE);
        return active == null ? 1 : Integer.parseInt(active);
    }

    /** Customers whose document a read found. */
    int existing() {
        return existing.size();
    }

    long reads() {
        return reads.get();
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures.subList(0, Math.min(20, failures.size())));
        }
    }

    int failureCount() {
        return failures.size();
    }

    Set<Integer> generationsSeen() {
        return Set.copyOf(generationsSeen);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
