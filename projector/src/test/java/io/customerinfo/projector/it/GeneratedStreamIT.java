package io.customerinfo.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.customerinfo.projector.metrics.ProjectorMetrics;

/**
 * A generated stream (300 customers: updates, deletes, re-creations, moves, 10% duplicates, fully shuffled,
 * poison) gives, in Redis, exactly what the core's whole-world projection gives, with one instance, with two
 * instances in one group, and across a projector killed mid-batch.
 */
class GeneratedStreamIT extends WithBrokerAndRedis {

    @Test
    void oneInstanceProjectsWhatTheCoreComputesAndDeadLettersExactlyThePoison() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 42, 300, 4000);
        kafka.publish(stream.records());
        RedisProbe probe = new RedisProbe(() -> jedis);
        try (ProjectorInstance projector = projector(kafka, run).start()) {
            probe.awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(60));
            stream.assertDocumentsMatch(probe, GeneratedStream.CLOCK.instant(), false);
            stream.assertDeadLetters();
            ProjectorMetrics m = projector.metrics();
            assertThat(m.eventCount(kafka.topic("order"), ProjectorMetrics.Outcome.APPLIED)).isPositive();
            assertThat(kafka.topics().stream().mapToDouble(t -> m.eventCount(t, ProjectorMetrics.Outcome.DUPLICATE)).sum())
                    .as("duplicates counted").isPositive();
        }
    }

    @Test
    void twoInstancesInOneGroupGiveTheSameResult() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 7, 300, 4000);
        RedisProbe probe = new RedisProbe(() -> jedis);
        try (ProjectorInstance first = projector(kafka, run).start();
             ProjectorInstance second = projector(kafka, run).start()) {
            int half = stream.size() / 2;
            kafka.publish(stream.records().subList(0, half));
            kafka.publish(stream.records().subList(half, stream.size()));
            probe.awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(60));
            stream.assertDocumentsMatch(probe, GeneratedStream.CLOCK.instant(), false);
            stream.assertDeadLetters();
        }
    }

    @Test
    void projectorKilledMidBatchThenRestartedGivesTheSameResult() throws Exception {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 99, 300, 8000);
        kafka.publish(stream.records());
        Map<TopicPartition, Long> end = kafka.endOffsets();
        RedisProbe probe = new RedisProbe(() -> jedis);
        // no fixed clock: a child JVM runs on the wall clock
        ProjectorInstance.Builder settings = ProjectorInstance.builder(broker.bootstrapServers(), run)
                .redisUrl(redis.url()).properties(kafka.projectorTopicProperties())
                .property("projector.max-poll-records", "500").withoutWebServer();
        try (ProjectorProcess child = ProjectorProcess.start(settings.properties(), dir.resolve(run + "-child.log"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !jedis.hgetAll("cinfo:g1:pos:{" + run + "}").isEmpty());
            child.kill();
        }
        assertThat(probe.caughtUp(run, end)).as("killed before the end of the stream").isFalse();
        try (ProjectorInstance restarted = settings.start()) {
            probe.awaitApplied(run, end, Duration.ofSeconds(90));
            stream.assertDocumentsMatch(probe, Instant.now(), true);
            stream.assertDeadLetters();
        }
    }

    private ProjectorInstance.Builder projector(KafkaFixture kafka, String group) {
        return ProjectorInstance.builder(broker.bootstrapServers(), group).redisUrl(redis.url())
                .clock(GeneratedStream.CLOCK).properties(kafka.projectorTopicProperties()).withoutWebServer();
    }

    private static String run() {
        return run("g");
    }
}
