package io.customerinfo.projector.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.projector.metrics.ProjectorMetrics;
import io.customerinfo.projector.projection.BatchProjection;
import io.customerinfo.projector.projection.ReceivedEvent;

/**
 * The Kafka adapter: decodes each record of a poll, dead-letters the rejected ones, skips compaction
 * tombstones, and hands the decoded events to the projection in one call.
 */
public final class ChangeRecordHandler implements PollHandler {

    /** Reason code of a record the decoder threw on (not one of its {@code RejectReason}s). */
    public static final String DECODER_FAILURE = "decoder_failure";

    private final EventDecoder decoder;
    private final BatchProjection projection;
    private final ProjectorMetrics metrics;

    public ChangeRecordHandler(EventDecoder decoder, BatchProjection projection, ProjectorMetrics metrics) {
        this.decoder = decoder;
        this.projection = projection;
        this.metrics = metrics;
    }

    @Override
    public void handle(List<ConsumerRecord<byte[], byte[]>> records, DeadLetterPublisher.Batch deadLetters) {
        List<ReceivedEvent> events = new ArrayList<>(records.size());
        Map<String, long[]> skippedAndRejected = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            DecodeResult result;
            try {
                result = decoder.decode(record.topic(), record.key(), record.value());
            } catch (RuntimeException e) {
                // a decoder bug must not block the partition: the record is kept in the dead-letter topic
                deadLetters.send(record, DECODER_FAILURE, e.toString());
                skippedAndRejected.computeIfAbsent(record.topic(), t -> new long[2])[1]++;
                continue;
            }
            if (result instanceof DecodeResult.Decoded decoded) {
                events.add(new ReceivedEvent(decoded.event(), record.topic(), record.timestamp()));
            } else if (result instanceof DecodeResult.Rejected rejected) {
                deadLetters.send(record, rejected.reason().code(), rejected.detail());
                skippedAndRejected.computeIfAbsent(record.topic(), t -> new long[2])[1]++;
            } else {
                skippedAndRejected.computeIfAbsent(record.topic(), t -> new long[2])[0]++;
            }
        }
        projection.apply(events);
        skippedAndRejected.forEach((topic, counts) -> {
            metrics.event(topic, ProjectorMetrics.Outcome.SKIPPED, counts[0]);
            metrics.event(topic, ProjectorMetrics.Outcome.DEAD_LETTERED, counts[1]);
        });
    }
}
