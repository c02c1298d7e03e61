package io.customerinfo.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisServer;
import io.customerinfo.projector.kafka.DeadLetterPublisher;
import io.customerinfo.readmodel.RedisKeys;
import io.micrometer.core.instrument.Counter;
import redis.clients.jedis.JedisPooled;

/**
 * A dead-letter publish that fails is retried, never dropped: the order topic's {@code .dlt} is created up front
 * (so the projector leaves it alone) with a {@code max.message.bytes} smaller than a 5 KB malformed record, which
 * sits between valid order events on the same partition. While the broker refuses the dead letter
 * ({@code RecordTooLargeException}) the projector keeps replaying the poll with back-off and does not advance the
 * partition's position past the poison; once the topic accepts it, the dead-letter topic holds exactly that record
 * with its reason headers, and every valid event before and after it is applied (the contract's document).
 */
class DeadLetterRetryIT {

    /** The contract's clock: 2020-06-16T10:00:00+08:00. */
    private static final Clock CLOCK = Clock.fixed(
            OffsetDateTime.of(2020, 6, 16, 10, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant(), ZoneOffset.UTC);
    private static final long CUSTOMER = 62640;
    private static final String POISON_KEY = "880099";

    private final KafkaBroker broker = SharedBroker.get();
    private RedisServer redis;
    private JedisPooled jedis;

    @BeforeEach
    void startRedis() {
        Path dir = SharedBroker.tempDir("dlt-retry-");
        redis = RedisServer.builder().dataDir(dir).start();
        jedis = new JedisPooled(redis.hostAndPort());
    }

    @AfterEach
    void stopRedis() {
        if (jedis != null) {
            jedis.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void failedDeadLetterPublishIsRetriedAndLosesNothingAroundIt() throws Exception {
        String run = "d" + UUID.randomUUID().toString().substring(0, 8);
        KafkaFixture kafka = new KafkaFixture(broker, run, 1);
        String orderTopic = kafka.topic("order");
        String orderDlt = orderTopic + ".dlt";
        // exists before the projector starts, so DeadLetterTopics leaves it (and its tiny limit) alone
        broker.createTopics(List.of(orderDlt), 1, Map.of("max.message.bytes", "1024"));

        byte[] poisonValue = poison();
        List<KafkaFixture.Record> records = withPoisonAfterFirstOrder(SampleEventsIT.sampleRecords(kafka), orderTopic,
                new KafkaFixture.Record(orderTopic, POISON_KEY.getBytes(StandardCharsets.UTF_8), poisonValue));
        kafka.publish(records);
        long poisonOffset = kafka.readAll(orderTopic).stream()
                .filter(r -> POISON_KEY.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .mapToLong(ConsumerRecord::offset).findFirst().orElseThrow();
        assertThat(poisonOffset).as("valid order events before the poison").isPositive();
        assertThat(kafka.endOffsets().get(new TopicPartition(orderTopic, 0)))
                .as("valid order events after the poison").isGreaterThan(poisonOffset + 1);

        RedisProbe probe = new RedisProbe(() -> jedis);
        RedisKeys keys = new RedisKeys(1, 1024);
        String positions = keys.positions(run);
        String orderField = RedisKeys.positionField(orderTopic, 0);
        try (ProjectorInstance projector = ProjectorInstance.builder(broker.bootstrapServers(), run)
                .redisUrl(redis.url()).clock(CLOCK).properties(kafka.projectorTopicProperties()).withoutWebServer()
                .start()) {
            // the dead letter is refused: the poll is abandoned and replayed, again and again
            await("replays of the poll holding the poison").atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> deadLetterFailures(projector) >= 3);
            String at = jedis.hget(positions, orderField);
            assertThat(at == null ? 0L : Long.parseLong(at))
                    .as("the order partition's position does not pass the poison while its dead letter fails")
                    .isLessThanOrEqualTo(poisonOffset);
            assertThat(probe.caughtUp(run, kafka.endOffsets())).isFalse();
            assertThat(kafka.readAll(orderDlt)).as("nothing dead-lettered yet").isEmpty();

            // the dead-letter topic now accepts it: the next replay gets through
            try (Admin admin = broker.admin()) {
                admin.incrementalAlterConfigs(Map.of(
                        new ConfigResource(ConfigResource.Type.TOPIC, orderDlt),
                        List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", Integer.toString(1024 * 1024)),
                                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            }
            probe.awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(45));

            List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(orderDlt);
            assertThat(letters).as("exactly the poison record, once").hasSize(1);
            ConsumerRecord<byte[], byte[]> letter = letters.get(0);
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(POISON_KEY);
            assertThat(letter.value()).isEqualTo(poisonValue);
            assertThat(header(letter, DeadLetterPublisher.REASON)).isEqualTo("malformed_json");
            assertThat(header(letter, DeadLetterPublisher.DETAIL)).isNotBlank();
            assertThat(header(letter, DeadLetterPublisher.ORIGINAL_TOPIC)).isEqualTo(orderTopic);
            assertThat(header(letter, DeadLetterPublisher.ORIGINAL_PARTITION)).isEqualTo("0");
            assertThat(header(letter, DeadLetterPublisher.ORIGINAL_OFFSET)).isEqualTo(Long.toString(poisonOffset));
            assertThat(header(letter, DeadLetterPublisher.ORIGINAL_TIMESTAMP)).isNotBlank();
            for (String kind : KafkaFixture.KINDS) {
                if (!kind.equals("order")) {
                    assertThat(kafka.readAll(kafka.topic(kind) + ".dlt")).as("dead letters of %s", kind).isEmpty();
                }
            }

            // every valid event, before and after the poison, is in the contract's document
            assertThat(probe.view(CUSTOMER)).isNotNull();
            String document = probe.document(CUSTOMER, 202006);
            // 880001 precedes the poison, 880002 and 880003 follow it (the contract's document at this clock lists
            // 880001 and 880002 only, so the owner index shows 880003)
            for (String order : List.of("880001", "880002", "880003")) {
                assertThat(jedis.hget(keys.ownerIndex("order", order), RedisKeys.ownerField("order", order)))
                        .as("owner of order %s", order).startsWith(CUSTOMER + ":");
            }
            assertThat(document).contains("SO20200528000117", "SO20200615000342");
            assertThat(SampleEventsIT.withoutCacheAt(document))
                    .isEqualTo(SampleEventsIT.withoutCacheAt(SampleEventsIT.goldenData()));
        }
    }

    /** Failed polls so far whose cause was the dead-letter publish. */
    private static double deadLetterFailures(ProjectorInstance projector) {
        Counter c = projector.registry().find("projector.batch.failures").tag("cause", "DeadLetterException")
                .counter();
        return c == null ? 0 : c.count();
    }

    /** The sample records with the poison right after the first order record (same topic, one partition). */
    private static List<KafkaFixture.Record> withPoisonAfterFirstOrder(List<KafkaFixture.Record> records,
                                                                      String orderTopic, KafkaFixture.Record poison) {
        List<KafkaFixture.Record> out = new ArrayList<>();
        boolean placed = false;
        for (KafkaFixture.Record r : records) {
            out.add(r);
            if (!placed && r.topic().equals(orderTopic)) {
                out.add(poison);
                placed = true;
            }
        }
        assertThat(placed).as("the sample has order events").isTrue();
        assertThat(out.stream().filter(r -> r.topic().equals(orderTopic)).count())
                .as("order events around the poison").isGreaterThanOrEqualTo(3);
        return out;
    }

    /** Malformed JSON (never closed) padded to 5 KB: rejected by the decoder, too large for the tiny .dlt. */
    private static byte[] poison() {
        StringBuilder s = new StringBuilder("{\"event_id\":\"poison-1\",\"op\":\"upsert\",\"entity\":\"order\",\"id\":\""
                + POISON_KEY + "\",\"customer_id\":\"" + CUSTOMER + "\",\"pad\":\"");
        while (s.length() < 5 * 1024) {
            s.append('x');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
