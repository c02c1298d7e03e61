package io.customerinfo.projector.rebuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.customerinfo.projector.config.ProjectorSettings;
import io.customerinfo.projector.kafka.ProjectorWorkers;
import io.customerinfo.projector.store.ActiveGeneration;
import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * Starts, cancels, reports and resumes rebuilds. One runs at a time across every instance (the lease lock); its
 * state is in Redis (the ledger), so an unfinished one (this instance stopped or crashed) is resumed by whichever
 * instance next takes the lock: every third of the lease each instance renews its lock or looks for one to resume.
 */
public final class RebuildCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RebuildCoordinator.class);

    /** What a start request did. */
    public enum Outcome { STARTED, RESUMED, BUSY }

    public record Started(Outcome outcome, Map<String, Object> state) {}

    private final ProjectorSettings settings;
    private final RebuildSettings rebuild;
    private final UnifiedJedis redis;
    private final ProjectorWorkers workers;
    private final KafkaOffsets offsets;
    private final RebuildLedger ledger;
    private final RebuildLock lock;
    private final RebuildMetrics metrics;
    private final GenerationEraser eraser;
    private ScheduledExecutorService scheduler;
    private RebuildRun current;
    private Thread currentThread;
    private volatile boolean running;

    RebuildCoordinator(ProjectorSettings settings, RebuildSettings rebuild, UnifiedJedis redis,
                       ProjectorWorkers workers, KafkaOffsets offsets, RebuildMetrics metrics) {
        this.settings = settings;
        this.rebuild = rebuild;
        this.redis = redis;
        this.workers = workers;
        this.offsets = offsets;
        this.metrics = metrics;
        this.ledger = new RebuildLedger(redis);
        this.lock = new RebuildLock(redis, UUID.randomUUID().toString(), rebuild.lease());
        this.eraser = new GenerationEraser(redis, rebuild.eraseBatch());
    }

    /** Starts a rebuild into a new generation, or resumes an unfinished one; BUSY when one runs elsewhere. */
    public synchronized Started begin() {
        if (current != null) {
            return new Started(Outcome.BUSY, status());
        }
        if (!lock.acquire()) {
            return new Started(Outcome.BUSY, status());
        }
        try {
            RebuildLedger.Entry unfinished = ledger.read();
            if (unfinished != null && unfinished.status().unfinished()) {
                ledger.resumed();
                launch(ledger.read());
                return new Started(Outcome.RESUMED, status());
            }
            int source = ActiveGeneration.resolve(redis, null);
            int target = Math.max(source, ledger.lastTarget()) + 1;
            long stale = eraser.erase(new RedisKeys(target, settings.ownerIndexBuckets()).pattern());
            if (stale > 0) {
                log.info("deleted {} keys an abandoned rebuild left in generation {}", stale, target);
            }
            ledger.begin(source, target, settings.groupId() + "-rebuild-g" + target, Instant.now());
            launch(ledger.read());
            return new Started(Outcome.STARTED, status());
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** @return false when no rebuild is replaying (nothing to cancel, or too late: it is switching) */
    public boolean cancel() {
        return ledger.requestCancel();
    }

    /** The current or last rebuild as the ledger holds it (progress parsed), or null when there was none. */
    public Map<String, Object> status() {
        RebuildLedger.Entry entry = ledger.read();
        if (entry == null) {
            return null;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", entry.status().name());
        state.put("source_generation", entry.source());
        state.put("target_generation", entry.target());
        state.put("group", entry.group());
        for (String field : new String[] {"started_at", "handoff_at", "updated_at", "finished_at", "message"}) {
            if (entry.fields().containsKey(field)) {
                state.put(field, entry.fields().get(field));
            }
        }
        state.put("resumed", Integer.parseInt(entry.fields().getOrDefault("resumed", "0")));
        state.put("cancel_requested", entry.cancelRequested());
        state.put("progress", entry.fields().get("progress")); // JSON text; the controller embeds it
        synchronized (this) {
            state.put("running_here", current != null);
        }
        return state;
    }

    private void launch(RebuildLedger.Entry entry) {
        RebuildRun run = new RebuildRun(entry, settings, rebuild, redis, workers, offsets, ledger, metrics, eraser,
                () -> finished(entry.target()));
        Thread thread = new Thread(run, "rebuild-g" + entry.target());
        current = run;
        currentThread = thread;
        thread.start();
    }

    private synchronized void finished(int target) {
        if (current != null && current.targetGeneration() == target) {
            current = null;
            currentThread = null;
        }
        try {
            lock.release();
        } catch (RuntimeException e) {
            log.warn("releasing the rebuild lock failed (its lease runs out in {}): {}", rebuild.lease(), e.toString());
        }
    }

    /** Every third of the lease: keep the lock of a running rebuild, or resume an unfinished one. */
    private synchronized void tick() {
        try {
            if (current != null) {
                if (!lock.acquire()) {
                    log.warn("the rebuild lock of generation {} was taken by {}; stopping here",
                            current.targetGeneration(), lock.holder());
                    current.abandon();
                }
                return;
            }
            RebuildLedger.Entry entry = ledger.read();
            if (entry != null && entry.status().unfinished() && lock.acquire()) {
                log.info("resuming the unfinished rebuild of generation {} at {}", entry.target(), entry.status());
                ledger.resumed();
                launch(ledger.read());
            }
        } catch (RuntimeException e) {
            log.debug("rebuild lease check failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rebuild-lease");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, rebuild.lease().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::tick, Math.min(1000, period), period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            running = false;
            scheduler.shutdownNow();
            if (current != null) {
                current.abandon();
            }
            thread = currentThread;
        }
        if (thread != null) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the live workers (which stop at DEFAULT_PHASE - 2048) and the beans they use. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
