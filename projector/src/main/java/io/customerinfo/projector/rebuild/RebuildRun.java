package io.customerinfo.projector.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.customerinfo.projector.config.ProjectorSettings;
import io.customerinfo.projector.kafka.ConsumerLoop;
import io.customerinfo.projector.kafka.ProjectorWorkers;
import io.customerinfo.projector.metrics.ProjectorMetrics;
import io.customerinfo.readmodel.GenerationMarker;
import io.customerinfo.readmodel.RedisKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import redis.clients.jedis.UnifiedJedis;

/**
 * One rebuild, run (or resumed) by the instance holding the lock, from the status the ledger holds:
 * <ol>
 * <li>RUNNING: consumer loops of the rebuild's own group replay the topics from the beginning into the target
 * generation (positions in {@code cinfo:g<target>:pos:{<rebuild group>}}, so a resumed rebuild continues where it
 * stopped) until every partition is at most {@code switch-lag} records behind.</li>
 * <li>HANDOFF: the rebuild's loops stop; their positions become the live group's positions in the target generation;
 * the ledger's {@code handoff} field makes every live loop (in every instance) switch to the target and replay from
 * there. Readers stay on the source until the live group's positions in the target reach its positions in the
 * source on every partition: then the target holds everything the source holds.</li>
 * <li>SWITCHED: {@code cinfo:active} names the target; after {@code drop-delay} (readers cache the marker for a
 * second) the source generation is deleted in batches.</li>
 * </ol>
 * Every step is idempotent, so a run that dies anywhere is resumed from its status.
 */
final class RebuildRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RebuildRun.class);
    private static final Duration HANDOFF_CHECK = Duration.ofMillis(100);

    private final RebuildLedger.Entry entry;
    private final ProjectorSettings settings;
    private final RebuildSettings rebuild;
    private final UnifiedJedis redis;
    private final ProjectorWorkers workers;
    private final KafkaOffsets offsets;
    private final RebuildLedger ledger;
    private final RebuildMetrics metrics;
    private final GenerationEraser eraser;
    private final Runnable onExit;
    private final RedisKeys source;
    private final RedisKeys target;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    RebuildRun(RebuildLedger.Entry entry, ProjectorSettings settings, RebuildSettings rebuild, UnifiedJedis redis,
               ProjectorWorkers workers, KafkaOffsets offsets, RebuildLedger ledger, RebuildMetrics metrics,
               GenerationEraser eraser, Runnable onExit) {
        this.entry = entry;
        this.settings = settings;
        this.rebuild = rebuild;
        this.redis = redis;
        this.workers = workers;
        this.offsets = offsets;
        this.ledger = ledger;
        this.metrics = metrics;
        this.eraser = eraser;
        this.onExit = onExit;
        this.source = new RedisKeys(entry.source(), settings.ownerIndexBuckets());
        this.target = new RedisKeys(entry.target(), settings.ownerIndexBuckets());
    }

    int targetGeneration() {
        return entry.target();
    }

    /** This instance stops (or lost the lock): stop where we are and leave the ledger for a resume. */
    void abandon() {
        stopping = true;
        stopSignal.countDown();
    }

    @Override
    public void run() {
        metrics.started(entry.target());
        log.info("rebuild of generation {} (serving generation {}) {} as group {}", entry.target(), entry.source(),
                entry.status() == RebuildStatus.RUNNING ? "replaying" : "resuming at " + entry.status(),
                entry.group());
        try {
            RebuildStatus status = entry.status();
            if (status == RebuildStatus.RUNNING) {
                if (!replay()) {
                    return;
                }
                handOver(false);
            } else if (status == RebuildStatus.HANDOFF) {
                handOver(true);
            }
            if (stopping) {
                return;
            }
            if (status != RebuildStatus.SWITCHED) {
                switchActive();
            }
            dropSource();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("rebuild of generation {} stopped at {}; it is resumed from there once the lease of {} is"
                    + " renewed or taken: {}", entry.target(), entry.status(), rebuild.lease(), e.toString());
            log.debug("rebuild failure", e);
        } finally {
            stopLoops();
            metrics.stopped();
            onExit.run();
        }
    }

    /** @return true once caught up; false when cancelled or abandoned */
    private boolean replay() throws InterruptedException {
        ProjectorMetrics loopMetrics = new ProjectorMetrics(new SimpleMeterRegistry());
        ConsumerLoop.Generation generation = workers.generation(entry.target(), entry.group(), loopMetrics);
        int concurrency = rebuild.concurrency() > 0 ? rebuild.concurrency() : settings.concurrency();
        for (int i = 0; i < concurrency; i++) {
            String name = "rebuild-g" + entry.target() + "-" + i;
            // a handler (and its stores) per loop, as the live loops have
            ConsumerLoop.WriteTarget own = ConsumerLoop.WriteTarget.fixed(
                    workers.generation(entry.target(), entry.group(), loopMetrics));
            ConsumerLoop loop = workers.loop(name, entry.group(), own, () -> {
            }, loopMetrics);
            Thread thread = new Thread(loop, name);
            loops.add(loop);
            threads.add(thread);
            thread.start();
        }
        List<TopicPartition> partitions = offsets.partitions();
        RebuildProgress last = null;
        long lastAt = System.nanoTime();
        long loggedAt = 0;
        while (!stopping) {
            if (stopSignal.await(rebuild.progressInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            try {
                long now = System.nanoTime();
                Map<TopicPartition, Long> starts = offsets.starts(partitions);
                Map<TopicPartition, Long> ends = offsets.ends(partitions);
                Map<TopicPartition, Long> at = generation.positions().read(partitions);
                RebuildProgress progress = RebuildProgress.measure(at, starts, ends, last,
                        Duration.ofNanos(now - lastAt));
                last = progress;
                lastAt = now;
                metrics.record(progress);
                RebuildLedger.Entry current = ledger.read();
                if (current == null) {
                    log.warn("rebuild of generation {}: its ledger vanished (Redis flushed?); writing it again",
                            entry.target());
                    ledger.begin(entry.source(), entry.target(), entry.group(), Instant.now());
                    current = ledger.read();
                }
                ledger.progress(progress.toJson(), Instant.now());
                if (now - loggedAt >= rebuild.logInterval().toNanos()) {
                    loggedAt = now;
                    log.info("rebuild of generation {}: {} records replayed, {} behind (at most {} on a partition),"
                            + " {} records/s, {} left", entry.target(), progress.done(), progress.totalLag(),
                            progress.maxLag(), Math.round(progress.recordsPerSecond()),
                            progress.eta() == null ? "unknown" : progress.eta().toSeconds() + " s");
                }
                if (current.cancelRequested()) {
                    cancel();
                    return false;
                }
                if (rebuild.switches() && progress.maxLag() <= rebuild.switchLag()) {
                    log.info("rebuild of generation {} caught up ({} records behind at most on a partition);"
                            + " handing over", entry.target(), progress.maxLag());
                    stopLoops();
                    return true;
                }
            } catch (RuntimeException e) {
                log.warn("rebuild of generation {}: measuring progress failed; retrying: {}", entry.target(),
                        e.toString());
            }
        }
        return false;
    }

    private void cancel() {
        log.info("rebuild of generation {} cancelled; deleting what it wrote", entry.target());
        stopLoops();
        long erased = eraser.erase(target.pattern());
        ledger.status(RebuildStatus.CANCELLED, Instant.now(), "cancelled; deleted " + erased + " keys of generation "
                + entry.target());
        forgetGroup();
    }

    private void handOver(boolean resumed) throws InterruptedException {
        String livePositions = target.positions(settings.groupId());
        if (!resumed) {
            Map<String, String> rebuilt = redis.hgetAll(target.positions(entry.group()));
            if (!rebuilt.isEmpty()) {
                redis.hset(livePositions, rebuilt);
            }
            ledger.handOver(entry.target(), Instant.now());
        }
        // live loops re-read the generation to write every generation-check-interval and finish the poll in hand
        long settle = 2 * settings.generationCheckInterval().toNanos() + settings.pollTimeout().toNanos();
        long began = System.nanoTime();
        long loggedAt = began;
        while (!stopping) {
            if (stopSignal.await(HANDOFF_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            long behind = liveBehind(livePositions, source.positions(settings.groupId()));
            long now = System.nanoTime();
            if (behind == 0 && now - began >= settle) {
                return;
            }
            if (now - loggedAt >= rebuild.logInterval().toNanos()) {
                loggedAt = now;
                log.info("rebuild of generation {}: live consumers are {} records behind in it", entry.target(),
                        behind);
            }
        }
    }

    /** Records the live group has applied in the source generation but not yet in the target. */
    private long liveBehind(String inTarget, String inSource) {
        Map<String, String> there = redis.hgetAll(inTarget); // read first: it only moves up to the source's
        Map<String, String> here = redis.hgetAll(inSource);
        long behind = 0;
        for (Map.Entry<String, String> e : here.entrySet()) {
            String at = there.get(e.getKey());
            long gap = Long.parseLong(e.getValue()) - (at == null ? 0 : Long.parseLong(at));
            behind += Math.max(0, gap);
        }
        return behind;
    }

    private void switchActive() {
        GenerationMarker.switchTo(redis, entry.target());
        ledger.status(RebuildStatus.SWITCHED, Instant.now(), null);
        ledger.endHandOver();
        log.info("rebuild: generation {} is active (was {})", entry.target(), entry.source());
    }

    private void dropSource() throws InterruptedException {
        if (stopSignal.await(rebuild.dropDelay().toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        long erased = entry.source() == entry.target() ? 0 : eraser.erase(source.pattern());
        redis.del(target.positions(entry.group()));
        ledger.status(RebuildStatus.DONE, Instant.now(), "generation " + entry.target() + " active; deleted "
                + erased + " keys of generation " + entry.source());
        log.info("rebuild of generation {} done: deleted {} keys of generation {}", entry.target(), erased,
                entry.source());
        forgetGroup();
    }

    private void forgetGroup() {
        try {
            offsets.deleteGroup(entry.group());
        } catch (RuntimeException e) {
            log.info("rebuild of generation {}: its consumer group {} stays in the broker: {}", entry.target(),
                    entry.group(), e.toString());
        }
    }

    private void stopLoops() {
        loops.forEach(ConsumerLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        loops.clear();
        threads.clear();
    }
}
