package io.customerinfo.query.store;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generation the projector marks active in {@code cinfo:active}, re-read in the background so
 * that a rebuild can switch generations under a running API. Until the marker has been read, and
 * while it is absent, the generation is 1; while Redis is unreachable the last value read is kept.
 */
public class ActiveGeneration implements AutoCloseable {

    public static final long DEFAULT_GENERATION = 1;
    private static final Logger log = LoggerFactory.getLogger(ActiveGeneration.class);

    private final CustomerDocumentStore store;
    private final ScheduledExecutorService refresher;
    private volatile long generation = DEFAULT_GENERATION;
    private volatile boolean lastRefreshFailed;

    public ActiveGeneration(CustomerDocumentStore store, Duration refreshEvery) {
        this.store = store;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "active-generation");
            t.setDaemon(true);
            return t;
        });
        refresh();
        long period = Math.max(1, refreshEvery.toMillis());
        refresher.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    public long get() {
        return generation;
    }

    void refresh() {
        try {
            OptionalLong marker = store.activeGeneration();
            long next = marker.orElse(DEFAULT_GENERATION);
            if (next != generation) {
                log.info("Active generation changed from {} to {}", generation, next);
                generation = next;
            }
            if (lastRefreshFailed) {
                log.info("Active generation readable again: {}", next);
                lastRefreshFailed = false;
            }
        } catch (RuntimeException e) {
            if (!lastRefreshFailed) {
                log.warn("Cannot read the active generation marker, keeping generation {}: {}", generation,
                        e.getMessage());
                lastRefreshFailed = true;
            }
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
