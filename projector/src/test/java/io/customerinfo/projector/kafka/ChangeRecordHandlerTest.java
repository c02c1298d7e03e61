package io.customerinfo.projector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.state.AmountOverflowException;
import io.customerinfo.projector.metrics.ProjectorMetrics;
import io.customerinfo.projector.projection.ReceivedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** A decoder or projection that throws is our bug: filed as internal_error, logged, counted, and the poll goes on. */
class ChangeRecordHandlerTest {

    private static final String TOPIC = "crm.customer";

    private final Logger logger = (Logger) LoggerFactory.getLogger(ChangeRecordHandler.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ProjectorMetrics metrics = new ProjectorMetrics(new SimpleMeterRegistry());
    private final List<ReceivedEvent> projected = new ArrayList<>();

    @AfterEach
    void detach() {
        logger.detachAppender(logged);
    }

    @Test
    void aDecoderExceptionIsDeadLetteredAsInternalErrorAndTheNextRecordIsProjected() {
        logged.start();
        logger.addAppender(logged);
        EventDecoder real = new EventDecoder();
        ChangeRecordHandler handler = new ChangeRecordHandler((topic, key, value) -> {
            if (new String(value, StandardCharsets.UTF_8).contains("\"id\":\"1\"")) {
                throw new IllegalStateException("injected decoder bug");
            }
            return real.decode(topic, key, value);
        }, projected::addAll, metrics);

        handler.handle(List.of(customer(7, 1), customer(8, 2)), new DeadLetterPublisher(producer, ".dlt").batch());

        assertThat(producer.history()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(TOPIC + ".dlt");
            assertThat(header(dead, DeadLetterPublisher.REASON)).isEqualTo("internal_error");
            assertThat(header(dead, DeadLetterPublisher.DETAIL))
                    .isEqualTo("java.lang.IllegalStateException: injected decoder bug");
        });
        assertThat(projected).singleElement().satisfies(e -> assertThat(e.event().id()).isEqualTo(2));
        assertThat(metrics.eventCount(TOPIC, ProjectorMetrics.Outcome.INTERNAL_ERROR)).isEqualTo(1);
        assertThat(metrics.eventCount(TOPIC, ProjectorMetrics.Outcome.DEAD_LETTERED)).isZero();
        assertThat(logged.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getFormattedMessage()).contains(TOPIC + "-0@7", "internal_error");
            assertThat(line.getThrowableProxy().getMessage()).isEqualTo("injected decoder bug");
        });
    }

    @Test
    void aRejectionIsDeadLetteredUnderItsReasonWithoutAnErrorLine() {
        logged.start();
        logger.addAppender(logged);
        ChangeRecordHandler handler = new ChangeRecordHandler(new EventDecoder()::decode, projected::addAll, metrics);
        ConsumerRecord<byte[], byte[]> broken = new ConsumerRecord<>(TOPIC, 0, 9, "3".getBytes(StandardCharsets.UTF_8),
                "{\"id\":".getBytes(StandardCharsets.UTF_8));

        handler.handle(List.of(broken), new DeadLetterPublisher(producer, ".dlt").batch());

        assertThat(header(producer.history().get(0), DeadLetterPublisher.REASON)).isEqualTo("malformed_json");
        assertThat(metrics.eventCount(TOPIC, ProjectorMetrics.Outcome.DEAD_LETTERED)).isEqualTo(1);
        assertThat(metrics.eventCount(TOPIC, ProjectorMetrics.Outcome.INTERNAL_ERROR)).isZero();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aProjectionBugDeadLettersOnlyTheEventThatCausesItAndTheRestIsProjected() {
        logged.start();
        logger.addAppender(logged);
        ChangeRecordHandler handler = new ChangeRecordHandler(new EventDecoder()::decode, events -> {
            if (events.stream().anyMatch(e -> e.event().id() == 1)) {
                throw new IllegalStateException("injected projection bug");
            }
            projected.addAll(events);
        }, metrics);

        handler.handle(List.of(customer(7, 1), customer(8, 2), customer(9, 3)),
                new DeadLetterPublisher(producer, ".dlt").batch());

        assertThat(producer.history()).singleElement().satisfies(dead -> {
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("1");
            assertThat(header(dead, DeadLetterPublisher.REASON)).isEqualTo("internal_error");
            assertThat(header(dead, DeadLetterPublisher.DETAIL))
                    .isEqualTo("java.lang.IllegalStateException: injected projection bug");
        });
        assertThat(projected).extracting(e -> e.event().id()).containsExactly(2L, 3L);
        assertThat(metrics.eventCount(TOPIC, ProjectorMetrics.Outcome.INTERNAL_ERROR)).isEqualTo(1);
        assertThat(logged.list).filteredOn(line -> line.getLevel() == Level.ERROR).singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).contains(TOPIC + "-0@7", "internal_error"));
    }

    @Test
    void anOrderWhoseSumOverflowsIsDeadLetteredAsTheInputsProblemNotOurs() {
        logged.start();
        logger.addAppender(logged);
        ChangeRecordHandler handler = new ChangeRecordHandler(new EventDecoder()::decode, events -> {
            if (events.stream().anyMatch(e -> e.event().id() == 1)) {
                throw new AmountOverflowException("order 1 version 1 would take customer 1's receivable beyond 64-bit cents");
            }
            projected.addAll(events);
        }, metrics);

        handler.handle(List.of(customer(7, 1), customer(8, 2)), new DeadLetterPublisher(producer, ".dlt").batch());

        assertThat(producer.history()).singleElement().satisfies(dead -> {
            assertThat(header(dead, DeadLetterPublisher.REASON)).isEqualTo("amount_overflow");
            assertThat(header(dead, DeadLetterPublisher.DETAIL)).contains("beyond 64-bit cents");
        });
        assertThat(projected).extracting(e -> e.event().id()).containsExactly(2L);
        assertThat(metrics.eventCount(TOPIC, ProjectorMetrics.Outcome.DEAD_LETTERED)).isEqualTo(1);
        assertThat(metrics.eventCount(TOPIC, ProjectorMetrics.Outcome.INTERNAL_ERROR)).isZero();
        assertThat(logged.list).noneMatch(line -> line.getLevel() == Level.ERROR);
    }

    @Test
    void aRedisOutagePropagatesSoThatThePollIsReplayedAndNothingIsDeadLettered() {
        ChangeRecordHandler handler = new ChangeRecordHandler(new EventDecoder()::decode, events -> {
            throw new JedisConnectionException("Connection refused");
        }, metrics);

        assertThatThrownBy(() -> handler.handle(List.of(customer(7, 1), customer(8, 2)),
                new DeadLetterPublisher(producer, ".dlt").batch()))
                .isInstanceOf(JedisConnectionException.class);
        assertThat(producer.history()).isEmpty();
        assertThat(metrics.eventCount(TOPIC, ProjectorMetrics.Outcome.INTERNAL_ERROR)).isZero();
    }

    private static ConsumerRecord<byte[], byte[]> customer(long offset, long id) {
        String value = "{\"event_id\":\"e" + id + "\",\"op\":\"upsert\",\"entity\":\"customer\",\"id\":\"" + id
                + "\",\"customer_id\":\"" + id + "\",\"version\":1,\"occurred_at\":0,\"data\":{\"id\":\"" + id
                + "\",\"name\":\"C" + id + "\"}}";
        return new ConsumerRecord<>(TOPIC, 0, offset, Long.toString(id).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
