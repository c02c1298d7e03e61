package io.customerinfo.bench;

import java.time.Duration;
import io.customerinfo.simulator.TopicLeaders;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import redis.clients.jedis.Jedis;

/**
 * The broker and Redis of a run: the embedded ones (an in-process KRaft broker, a {@code redis-server} child
 * with AOF everysec as deployed), or the ones {@code KAFKA_BOOTSTRAP_SERVERS} / {@code REDIS_URL} name.
 * Topics are created per measurement with a prefix of their own, so measurements never read each other's data.
 */
final class BenchServers {

    /** As the stack creates them (TopicSetup): 6 partitions. */
    static final int PARTITIONS = 6;
    /**
     * Compacted as deployed, but not during the run: a log cleaned between repetitions would give later runs
     * fewer records to drain.
     */
    private static final Map<String, String> SOURCE_CONFIG = Map.of("cleanup.policy", "compact",
            "min.compaction.lag.ms", String.valueOf(TimeUnit.DAYS.toMillis(7)));
    private static final Map<String, String> DEAD_LETTER_CONFIG = Map.of("cleanup.policy", "delete");

    private final String kafkaBootstrap;
    private final String redisUrl;

    private BenchServers(String kafkaBootstrap, String redisUrl) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.redisUrl = redisUrl;
    }

    static BenchServers start(BenchOptions options, Path workDir, Cleanup cleanup, PrintStream out) {
        String redis;
        if (options.redisUrl().isPresent()) {
            redis = options.redisUrl().get();
            if (!RedisServer.ping(redis)) {
                throw new IllegalStateException("REDIS_URL=" + redis + " does not answer PING");
            }
            out.println("redis: using REDIS_URL " + redis);
        } else {
            RedisServer server = RedisServer.builder().dataDir(workDir.resolve("redis")).appendOnly(true)
                    .appendFsync("everysec").start();
            cleanup.add("redis-server", server::stop);
            redis = server.url();
            out.println("redis: " + server.binary() + " on " + redis + " (AOF everysec)");
        }
        String kafka;
        if (options.kafkaBootstrap().isPresent()) {
            kafka = options.kafkaBootstrap().get();
            out.println("kafka: using KAFKA_BOOTSTRAP_SERVERS " + kafka);
        } else {
            KafkaBroker broker = KafkaBroker.start(workDir.resolve("kafka"), 0);
            cleanup.add("kafka broker", broker::stop);
            kafka = broker.bootstrapServers();
            out.println("kafka: in-process KRaft broker on " + kafka);
        }
        return new BenchServers(kafka, redis);
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    String redisUrl() {
        return redisUrl;
    }

    Jedis redis() {
        return new Jedis(java.net.URI.create(redisUrl), 30_000);
    }

    /** Empties Redis: every measurement starts from nothing. */
    void flushRedis() {
        try (Jedis jedis = redis()) {
            jedis.flushAll();
        }
    }

    /** The five source topics (and their dead-letter topics) of {@code topics}. */
    void createTopics(List<String> sourceTopics) {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : sourceTopics) {
            topics.add(new NewTopic(t, PARTITIONS, (short) 1).configs(SOURCE_CONFIG));
            topics.add(new NewTopic(t + ".dlt", PARTITIONS, (short) 1).configs(DEAD_LETTER_CONFIG));
        }
        try (Admin admin = admin()) {
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + created.getKey(), e.getCause());
                    }
                }
            }
            TopicLeaders.await(admin, topics.stream().map(NewTopic::name).toList(), Duration.ofSeconds(60), kafkaBootstrap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + sourceTopics, e);
        }
    }

    /** Log-end offset of every partition of {@code topics}. */
    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (String t : topics) {
                for (int p = 0; p < PARTITIONS; p++) {
                    request.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the end offsets of " + topics, e);
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(props);
    }
}
