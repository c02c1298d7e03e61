package io.customerinfo.projector.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends rejected records to {@code <topic>.dlt} with their original key, value and headers, plus headers naming
 * why and where from. Sends are asynchronous within a poll; {@link Batch#awaitAll} must succeed before the poll's
 * positions are written, so a failed publish replays the poll (and publishes again) instead of losing the record.
 * The dead-letter topics are therefore at-least-once: a reader deduplicates by the original topic, partition and
 * offset headers.
 */
public final class DeadLetterPublisher {

    public static final String REASON = "dlt-reason";
    public static final String DETAIL = "dlt-detail";
    public static final String ORIGINAL_TOPIC = "dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "dlt-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "dlt-original-timestamp";

    private static final int MAX_DETAIL_CHARS = 1000;

    private final Producer<byte[], byte[]> producer;
    private final String suffix;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String suffix) {
        this.producer = producer;
        this.suffix = suffix;
    }

    public Batch batch() {
        return new Batch();
    }

    /** The sends of one poll. */
    public final class Batch {
        private final List<Future<RecordMetadata>> sends = new ArrayList<>();

        public void send(ConsumerRecord<byte[], byte[]> record, String reasonCode, String detail) {
            RecordHeaders headers = new RecordHeaders();
            for (Header h : record.headers()) {
                headers.add(h);
            }
            headers.add(REASON, utf8(reasonCode));
            headers.add(DETAIL, utf8(truncate(detail)));
            headers.add(ORIGINAL_TOPIC, utf8(record.topic()));
            headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
            headers.add(ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
            headers.add(ORIGINAL_TIMESTAMP, utf8(Long.toString(record.timestamp())));
            sends.add(producer.send(new ProducerRecord<>(record.topic() + suffix, null, record.key(), record.value(),
                    headers)));
        }

        public int size() {
            return sends.size();
        }

        /** Waits until every send is acknowledged; throws if any failed or did not finish in {@code timeout}. */
        public void awaitAll(Duration timeout) {
            if (sends.isEmpty()) {
                return;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> send : sends) {
                try {
                    send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeadLetterException("interrupted while publishing dead letters", e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new DeadLetterException("dead-letter publish failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private static String truncate(String detail) {
        if (detail == null) {
            return "";
        }
        return detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS) + "...";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A dead letter could not be published: transient, the poll is replayed. */
    public static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
