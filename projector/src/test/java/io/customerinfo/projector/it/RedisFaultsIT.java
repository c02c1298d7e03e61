package io.customerinfo.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisServer;
import redis.clients.jedis.JedisPooled;

/**
 * Redis going away mid-stream (stopped for 10 s; killed with AOF everysec and restarted from its AOF; flushed)
 * loses nothing and dead-letters nothing valid: the projector backs off, seeks back to the positions Redis holds
 * and replays idempotently.
 */
class RedisFaultsIT {

    private final KafkaBroker broker = SharedBroker.get();
    private RedisServer redis;
    private JedisPooled jedis;

    @BeforeEach
    void startRedis() {
        Path dir = SharedBroker.tempDir("redis-faults-");
        redis = RedisServer.builder().dataDir(dir).appendOnly(true).appendFsync("everysec").start();
        jedis = new JedisPooled(redis.hostAndPort());
    }

    @AfterEach
    void stopRedis() {
        jedis.close();
        redis.close();
    }

    @Test
    void redisStoppedForTenSecondsMidStream() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 11, 300, 4000);
        RedisProbe probe = new RedisProbe(() -> jedis);
        List<KafkaFixture.Record> records = stream.records();
        int half = records.size() / 2;
        try (ProjectorInstance projector = projector(kafka, run).start()) {
            kafka.publish(records.subList(0, half));
            probe.awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(60));

            redis.stop();
            kafka.publish(records.subList(half, records.size()));
            // Redis stays down for 10 s while the second half waits in Kafka
            await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
            redis.start();

            probe.awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(60));
            stream.assertDocumentsMatch(probe, GeneratedStream.CLOCK.instant(), false);
            stream.assertDeadLetters();
        }
    }

    @Test
    void redisKilledWithAofEverysecAndRestartedFromItsAof() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 12, 300, 6000);
        kafka.publish(stream.records());
        Map<TopicPartition, Long> end = kafka.endOffsets();
        RedisProbe probe = new RedisProbe(() -> jedis);
        try (ProjectorInstance projector = projector(kafka, run).property("projector.max-poll-records", "300").start()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> !jedis.hgetAll("cinfo:g1:pos:{" + run + "}").isEmpty());
            assertThat(probe.caughtUp(run, end)).as("killed mid-stream").isFalse();
            redis.kill();
            redis.start();

            probe.awaitApplied(run, end, Duration.ofSeconds(60));
            stream.assertDocumentsMatch(probe, GeneratedStream.CLOCK.instant(), false);
            stream.assertDeadLetters();
        }
    }

    @Test
    void redisFlushedWhileIdleIsRebuiltFromTheLog() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 2);
        GeneratedStream stream = new GeneratedStream(kafka, 13, 300, 2000);
        kafka.publish(stream.records());
        Map<TopicPartition, Long> end = kafka.endOffsets();
        RedisProbe probe = new RedisProbe(() -> jedis);
        try (ProjectorInstance projector = projector(kafka, run).start()) {
            probe.awaitApplied(run, end, Duration.ofSeconds(60));
            // what a restart from an AOF that lost writes looks like, in the extreme: nothing left
            jedis.flushAll();
            probe.awaitApplied(run, end, Duration.ofSeconds(60));
            assertThat(jedis.get("cinfo:active")).isEqualTo("1");
            stream.assertDocumentsMatch(probe, GeneratedStream.CLOCK.instant(), false);
        }
    }

    private ProjectorInstance.Builder projector(KafkaFixture kafka, String group) {
        return ProjectorInstance.builder(broker.bootstrapServers(), group).redisUrl(redis.url())
                .clock(GeneratedStream.CLOCK).properties(kafka.projectorTopicProperties()).withoutWebServer()
                .property("projector.redis-timeout", "1s");
    }

    private static String run() {
        return "f" + UUID.randomUUID().toString().substring(0, 8);
    }
}
