package io.customerinfo.projector.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.customerinfo.projector.metrics.ProjectorMetrics;
import io.customerinfo.projector.store.PositionStore;

/**
 * One consumer thread: poll, apply, write positions, commit offsets.
 *
 * <p>A plain loop rather than a listener container, because every recovery here is the same move on the consumer
 * itself: pause the partitions, seek them to the position Redis holds, resume. It is needed on assignment, after
 * any failure of a poll (Redis or broker unavailable: back off, never skip, never dead-letter), and when Redis is
 * found to hold an older position than this consumer wrote (restarted from its AOF, flushed). Kafka's committed
 * offsets are only advisory (lag tooling); Redis's positions decide where a partition resumes.
 *
 * <p>Stopping ({@link #stop()}) lets the poll in hand finish and commit; the loop polls with a short timeout, so
 * it notices within {@code poll-timeout}.
 */
public final class ConsumerLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final Collection<String> topics;
    private final WriteTarget target;
    private final Runnable onResync;
    private final DeadLetterPublisher deadLetters;
    private final ProjectorMetrics metrics;
    private final Duration pollTimeout;
    private final Duration auditInterval;
    private final Duration sendTimeout;
    private final Backoff backoff;

    /** The position this consumer last read from or wrote to Redis; absent = none stored. */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    /** Assigned partitions not yet sought to their Redis position; kept paused until they are. */
    private final Set<TopicPartition> unsynced = new HashSet<>();
    private long lastAuditNanos = System.nanoTime();
    private volatile boolean running = true;
    /** The generation being written, its positions and handler; null until the loop starts. */
    private Generation generation;

    /** Where a loop writes: a generation of keys, the consumer group's positions in it, the handler writing it. */
    public record Generation(int number, PositionStore positions, PollHandler handler) {}

    /**
     * Asked before every poll (implementations cache). When the answer names another generation (a rebuild handed
     * its generation over), the loop seeks every partition to its positions there and goes on writing there.
     */
    @FunctionalInterface
    public interface WriteTarget {
        Generation current();

        static WriteTarget fixed(Generation generation) {
            return () -> generation;
        }
    }

    public ConsumerLoop(String name, Consumer<byte[], byte[]> consumer, Collection<String> topics,
                        WriteTarget target, Runnable onResync, DeadLetterPublisher deadLetters, ProjectorMetrics metrics, Duration pollTimeout,
                        Duration auditInterval, Duration backoffInitial, Duration backoffMax) {
        this.name = name;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.target = target;
        this.onResync = onResync;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.pollTimeout = pollTimeout;
        this.auditInterval = auditInterval;
        this.sendTimeout = Duration.ofSeconds(30);
        this.backoff = new Backoff(backoffInitial, backoffMax);
    }

    /** Asks the loop to finish the poll in hand, commit it and close the consumer. */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                try {
                    followTarget();
                    if (!unsynced.isEmpty()) {
                        resync();
                    }
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                    if (records.isEmpty()) {
                        auditIfDue();
                    } else {
                        apply(records);
                    }
                    backoff.reset();
                } catch (WakeupException e) {
                    // stop() during a blocking call; the loop condition decides
                } catch (RuntimeException e) {
                    recover(e);
                }
            }
        } finally {
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
            } catch (RuntimeException e) {
                log.warn("{}: closing the consumer failed: {}", name, e.toString());
            }
        }
    }

    private void followTarget() {
        Generation now = target.current();
        if (generation == null) {
            generation = now;
        } else if (now.number() != generation.number()) {
            log.info("{}: switching from generation {} to {}; replaying from the positions held there", name,
                    generation.number(), now.number());
            generation = now;
            stored.clear();
            markUnsynced(consumer.assignment());
        }
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            if (unsynced.contains(tp)) {
                continue; // fetched before it was paused; it is replayed from its Redis position
            }
            List<ConsumerRecord<byte[], byte[]>> part = records.records(tp);
            batch.addAll(part);
            next.put(tp, part.get(part.size() - 1).offset() + 1);
        }
        if (batch.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        DeadLetterPublisher.Batch letters = deadLetters.batch();
        generation.handler().handle(batch, letters);
        long t1 = System.nanoTime();
        letters.awaitAll(sendTimeout);
        long t2 = System.nanoTime();

        Map<TopicPartition, Long> expected = new HashMap<>();
        for (TopicPartition tp : next.keySet()) {
            Long at = stored.get(tp);
            if (at != null) {
                expected.put(tp, at);
            }
        }
        Set<TopicPartition> behind = generation.positions().advance(expected, next);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            if (!behind.contains(e.getKey())) {
                stored.put(e.getKey(), e.getValue());
                offsets.put(e.getKey(), new OffsetAndMetadata(e.getValue()));
            }
        }
        if (!behind.isEmpty()) {
            log.warn("{}: Redis holds older positions than this consumer wrote for {} (restarted from its AOF or"
                    + " flushed?); replaying them from Redis's positions", name, behind);
            metrics.replay(behind.size());
            markUnsynced(behind);
        }
        long t3 = System.nanoTime();
        commitOffsets(offsets);
        recordLag();
        long t4 = System.nanoTime();
        if (log.isDebugEnabled()) {
            log.debug("{}: poll of {} records: apply {} ms, dead letters {} ms, positions {} ms, offsets {} ms", name,
                    batch.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                    (t4 - t3) / 1_000_000);
        }
    }

    /**
     * Kafka's offsets are advisory here (Redis's positions decide where a partition resumes), so they are committed
     * asynchronously to save a broker round trip per poll; the last poll before stopping commits synchronously.
     */
    private void commitOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        if (running) {
            consumer.commitAsync(offsets, (committed, e) -> {
                if (e != null) {
                    log.debug("{}: committing Kafka offsets failed: {}", name, e.toString());
                }
            });
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.info("{}: committing Kafka offsets {} failed: {}", name, offsets.keySet(), e.toString());
        }
    }

    private void recordLag() {
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(lag -> metrics.lag(tp, lag));
        }
    }

    /** Idle: check that Redis still holds what this consumer wrote (it may have restarted from an older AOF). */
    private void auditIfDue() {
        long now = System.nanoTime();
        if (now - lastAuditNanos < auditInterval.toNanos()) {
            return;
        }
        lastAuditNanos = now;
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> inRedis = generation.positions().read(assigned);
        Set<TopicPartition> behind = new HashSet<>();
        for (TopicPartition tp : assigned) {
            Long mine = stored.get(tp);
            Long theirs = inRedis.get(tp);
            if (mine != null && (theirs == null || theirs < mine)) {
                behind.add(tp);
            }
        }
        if (!behind.isEmpty()) {
            log.warn("{}: Redis lost positions of {} (restarted from its AOF or flushed?); replaying", name, behind);
            metrics.replay(behind.size());
            markUnsynced(behind);
        }
        recordLag();
    }

    private void resync() {
        onResync.run();
        Set<TopicPartition> targets = new HashSet<>(unsynced);
        targets.retainAll(consumer.assignment());
        Map<TopicPartition, Long> inRedis = generation.positions().read(targets);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : targets) {
            Long at = inRedis.get(tp);
            if (at == null) {
                stored.remove(tp);
                fromStart.add(tp);
            } else {
                stored.put(tp, at);
                consumer.seek(tp, at);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        consumer.resume(targets);
        unsynced.clear();
        log.info("{}: resumed {} partitions from Redis positions ({} from the beginning)", name, targets.size(),
                fromStart.size());
    }

    private void recover(RuntimeException failure) {
        String cause = failure.getClass().getSimpleName();
        metrics.batchFailure(cause);
        Duration pause = backoff.nextPause();
        log.warn("{}: poll failed, replaying from the Redis positions in {} ms: {}", name, pause.toMillis(),
                failure.toString());
        log.debug("{}: poll failure", name, failure);
        markUnsynced(consumer.assignment());
        // poll while paused: stays in the group (and sees rebalances) during the pause, returns no records
        long deadline = System.nanoTime() + pause.toNanos();
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                consumer.poll(Duration.ofNanos(left));
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.debug("{}: poll during back-off failed: {}", name, e.toString());
            }
        }
    }

    private void markUnsynced(Collection<TopicPartition> partitions) {
        Set<TopicPartition> copy = new HashSet<>(partitions);
        unsynced.addAll(copy);
        consumer.pause(copy);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            markUnsynced(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            unsynced.removeAll(partitions);
            for (TopicPartition tp : partitions) {
                stored.remove(tp);
            }
        }
    }
}
