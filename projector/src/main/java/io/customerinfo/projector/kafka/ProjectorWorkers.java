package io.customerinfo.projector.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.customerinfo.projector.config.ProjectorSettings;
import io.customerinfo.projector.metrics.ProjectorMetrics;
import io.customerinfo.projector.store.ActiveGeneration;
import io.customerinfo.projector.store.PositionStore;
import io.customerinfo.readmodel.GenerationMarker;
import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * Starts {@code concurrency} consumer loops once the generation to write is known (which needs Redis: waited for
 * with back-off, so the service starts while Redis is still down), and stops them gracefully: each finishes and
 * commits the poll in hand.
 */
public final class ProjectorWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectorWorkers.class);

    /** Builds the handler of one consumer loop for the generation being written, counting into {@code metrics}. */
    @FunctionalInterface
    public interface HandlerFactory {
        PollHandler create(RedisKeys keys, ProjectorMetrics metrics);
    }

    private final ProjectorSettings settings;
    private final UnifiedJedis redis;
    private final Producer<byte[], byte[]> deadLetterProducer;
    private final ProjectorMetrics metrics;
    private final HandlerFactory handlers;
    private final Admin admin;
    private final DeadLetterPublisher deadLetters;
    private final List<ConsumerLoop> loops = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile Thread starter;
    private volatile boolean running;
    private volatile RedisKeys keys;
    private volatile LiveTarget live;

    public ProjectorWorkers(ProjectorSettings settings, UnifiedJedis redis, Producer<byte[], byte[]> deadLetterProducer,
                            ProjectorMetrics metrics, HandlerFactory handlers, Admin admin) {
        this.settings = settings;
        this.redis = redis;
        this.deadLetterProducer = deadLetterProducer;
        this.metrics = metrics;
        this.handlers = handlers;
        this.admin = admin;
        this.deadLetters = new DeadLetterPublisher(deadLetterProducer, settings.deadLetterSuffix());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // not a daemon: without a web server this (and then the consumer threads) keeps the JVM alive
        starter = new Thread(this::startLoops, "projector-start");
        starter.start();
    }

    private void startLoops() {
        Backoff backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        Integer generation = null;
        while (running && generation == null) {
            try {
                generation = ActiveGeneration.resolve(redis, settings.generation());
            } catch (RuntimeException e) {
                Duration pause = backoff.nextPause();
                log.warn("Redis not reachable to resolve the active generation ({}); retrying in {} ms", e.toString(),
                        pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis()); // one-off start-up wait, not a poll loop
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
        DeadLetterTopics.ensure(admin, settings.topics().all(), settings.deadLetterSuffix());
        synchronized (this) {
            if (!running) {
                return;
            }
            keys = new RedisKeys(generation, settings.ownerIndexBuckets());
            log.info("projecting {} into generation {} of {} as group {} with {} consumer(s)",
                    settings.topics().all(), generation, settings.clusterMode() ? "the Redis Cluster" : "Redis",
                    settings.groupId(), settings.concurrency());
            for (int i = 0; i < settings.concurrency(); i++) {
                String name = "projector-" + i;
                // a handler (and its stores) per loop, as before generations could change
                ConsumerLoop.WriteTarget target;
                if (settings.generation() != null) {
                    target = ConsumerLoop.WriteTarget.fixed(
                            generation(settings.generation(), settings.groupId(), metrics));
                } else {
                    LiveTarget following = new LiveTarget(redis, settings.generationCheckInterval(),
                            number -> generation(number, settings.groupId(), metrics));
                    if (live == null) {
                        live = following;
                    }
                    target = following;
                }
                ConsumerLoop loop = loop(name, settings.groupId(), target, () -> GenerationMarker.declareFirst(redis),
                        metrics);
                Thread thread = new Thread(loop, name);
                loops.add(loop);
                threads.add(thread);
                thread.start();
            }
        }
    }

    /** A consumer loop of {@code groupId} over the source topics (not started); the rebuild runs its own with these. */
    public ConsumerLoop loop(String name, String groupId, ConsumerLoop.WriteTarget target, Runnable onResync,
                             ProjectorMetrics loopMetrics) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(groupId, name),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new ConsumerLoop(name, consumer, settings.topics().all(), target, onResync, deadLetters, loopMetrics,
                settings.pollTimeout(), settings.positionAuditInterval(), settings.backoffInitial(),
                settings.backoffMax());
    }

    /** Generation {@code number} as written by {@code groupId}: its positions and a handler for its keys. */
    public ConsumerLoop.Generation generation(int number, String groupId, ProjectorMetrics loopMetrics) {
        RedisKeys generationKeys = new RedisKeys(number, settings.ownerIndexBuckets());
        return new ConsumerLoop.Generation(number, new PositionStore(redis, generationKeys, groupId),
                handlers.create(generationKeys, loopMetrics));
    }

    Map<String, Object> consumerProperties(String groupId, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        props.putAll(settings.consumer());
        return props;
    }

    @Override
    public void stop() {
        List<Thread> joined;
        synchronized (this) {
            running = false;
            loops.forEach(ConsumerLoop::stop);
            joined = new ArrayList<>(threads);
        }
        Thread s = starter;
        if (s != null) {
            s.interrupt();
        }
        for (Thread t : joined) {
            try {
                t.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        loops.clear();
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server stops taking requests, before the beans (Redis client, producer) are destroyed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    public boolean allAlive() {
        return keys == null || threads.stream().allMatch(Thread::isAlive);
    }

    public String describe() {
        if (keys == null) {
            return "waiting for Redis to resolve the generation";
        }
        long alive = threads.stream().filter(Thread::isAlive).count();
        LiveTarget following = live;
        int writing = following != null && following.number() > 0 ? following.number() : keys.generation();
        return alive + "/" + threads.size() + " consumer loops running, generation " + writing;
    }

    /** The key layout being written, once known. */
    public RedisKeys keys() {
        return keys;
    }
}
