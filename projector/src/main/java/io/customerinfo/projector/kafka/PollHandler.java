package io.customerinfo.projector.kafka;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies one poll's records. Returns normally only when every record is either applied in Redis or handed to
 * {@code deadLetters}; throws when Redis (or anything else it needs) is unavailable, and then the poll is
 * replayed from the positions Redis holds.
 */
@FunctionalInterface
public interface PollHandler {
    void handle(List<ConsumerRecord<byte[], byte[]>> records, DeadLetterPublisher.Batch deadLetters);
}
