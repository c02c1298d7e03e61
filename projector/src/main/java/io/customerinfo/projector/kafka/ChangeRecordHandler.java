package io.customerinfo.projector.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.decode.RejectReason;
import io.customerinfo.core.state.AmountOverflowException;
import io.customerinfo.projector.metrics.ProjectorMetrics;
import io.customerinfo.projector.projection.BatchProjection;
import io.customerinfo.projector.projection.ReceivedEvent;

/**
 * The Kafka adapter: decodes each record of a poll, dead-letters the rejected ones, skips compaction
 * tombstones, and hands the decoded events to the projection in one call.
 *
 * <p>A decoder's rejection blames the input. An exception from the decoder is a bug in our code: the
 * record is dead-lettered under {@link #INTERNAL_ERROR}, logged with its stack trace and counted as its
 * own outcome, and the rest of the poll goes on. The same holds after decoding: when the projection fails
 * for a reason other than the infrastructure's (see {@link Failures}), the poll's events are projected one
 * by one (idempotent: versions decide) and each one that still fails is dead-lettered the same way. A
 * failure of Redis propagates: the poll is replayed from the Redis positions after a back-off.
 */
public final class ChangeRecordHandler implements PollHandler {

    /** Reason code of a record our code failed on (not one of the decoder's {@code RejectReason}s). */
    public static final String INTERNAL_ERROR = "internal_error";

    private static final Logger log = LoggerFactory.getLogger(ChangeRecordHandler.class);

    /** What the handler needs of a decoder; a seam for tests that must make it fail. */
    interface RecordDecoder {
        DecodeResult decode(String topic, byte[] key, byte[] value);
    }

    private final RecordDecoder decoder;
    private final Consumer<List<ReceivedEvent>> projection;
    private final ProjectorMetrics metrics;

    public ChangeRecordHandler(EventDecoder decoder, BatchProjection projection, ProjectorMetrics metrics) {
        this(decoder::decode, projection::apply, metrics);
    }

    ChangeRecordHandler(RecordDecoder decoder, Consumer<List<ReceivedEvent>> projection, ProjectorMetrics metrics) {
        this.decoder = decoder;
        this.projection = projection;
        this.metrics = metrics;
    }

    @Override
    public void handle(List<ConsumerRecord<byte[], byte[]>> records, DeadLetterPublisher.Batch deadLetters) {
        List<ReceivedEvent> events = new ArrayList<>(records.size());
        List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>(records.size());
        // per topic: skipped, dead-lettered, internal errors
        Map<String, long[]> skippedAndRejected = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            DecodeResult result;
            try {
                result = decoder.decode(record.topic(), record.key(), record.value());
            } catch (RuntimeException | StackOverflowError e) {
                // a decoder bug must not block the partition: the record is kept in the dead-letter topic
                log.error("Decoder failed on {}-{}@{}; dead-lettered as {}", record.topic(), record.partition(),
                        record.offset(), INTERNAL_ERROR, e);
                deadLetters.send(record, INTERNAL_ERROR, e.toString());
                skippedAndRejected.computeIfAbsent(record.topic(), t -> new long[3])[2]++;
                continue;
            }
            if (result instanceof DecodeResult.Decoded decoded) {
                events.add(new ReceivedEvent(decoded.event(), record.topic(), record.timestamp()));
                sources.add(record);
            } else if (result instanceof DecodeResult.Rejected rejected) {
                deadLetters.send(record, rejected.reason().code(), rejected.detail());
                skippedAndRejected.computeIfAbsent(record.topic(), t -> new long[3])[1]++;
            } else {
                skippedAndRejected.computeIfAbsent(record.topic(), t -> new long[3])[0]++;
            }
        }
        project(events, sources, deadLetters, skippedAndRejected);
        skippedAndRejected.forEach((topic, counts) -> {
            metrics.event(topic, ProjectorMetrics.Outcome.SKIPPED, counts[0]);
            metrics.event(topic, ProjectorMetrics.Outcome.DEAD_LETTERED, counts[1]);
            metrics.event(topic, ProjectorMetrics.Outcome.INTERNAL_ERROR, counts[2]);
        });
    }

    private void project(List<ReceivedEvent> events, List<ConsumerRecord<byte[], byte[]>> sources,
                         DeadLetterPublisher.Batch deadLetters, Map<String, long[]> counts) {
        try {
            projection.accept(events);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            if (Failures.isUnavailable(e)) {
                throw e;
            }
            log.warn("Projecting a poll of {} events failed ({}); projecting them one by one", events.size(),
                    e.toString());
        }
        for (int i = 0; i < events.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = sources.get(i);
            try {
                projection.accept(List.of(events.get(i)));
            } catch (AmountOverflowException e) {
                // every amount was valid, their sum is not: the input's problem, dead-lettered under its reason
                log.warn("{}-{}@{} dead-lettered as {}: {}", record.topic(), record.partition(), record.offset(),
                        RejectReason.AMOUNT_OVERFLOW.code(), e.getMessage());
                deadLetters.send(record, RejectReason.AMOUNT_OVERFLOW.code(), e.getMessage());
                counts.computeIfAbsent(record.topic(), t -> new long[3])[1]++;
            } catch (RuntimeException | StackOverflowError e) {
                if (Failures.isUnavailable(e)) {
                    throw e;
                }
                log.error("Projection failed on {}-{}@{}; dead-lettered as {}", record.topic(), record.partition(),
                        record.offset(), INTERNAL_ERROR, e);
                deadLetters.send(record, INTERNAL_ERROR, e.toString());
                counts.computeIfAbsent(record.topic(), t -> new long[3])[2]++;
            }
        }
    }
}
