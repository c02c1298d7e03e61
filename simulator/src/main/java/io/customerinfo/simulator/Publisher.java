package io.customerinfo.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends simulated records to Kafka as they are (key and value bytes, null value for a tombstone) with an
 * idempotent producer ({@code acks=all}), batching for throughput, at a target rate or as fast as possible.
 * Records keep their stream order per partition.
 */
public final class Publisher implements AutoCloseable {

    /** Producer settings; any can be overridden through the constructor. */
    public static Map<String, Object> defaults(String bootstrapServers) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // room for the 2 MiB OVERSIZED poison; a broker with the default 1 MiB limit refuses it (counted as failed)
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "crm-simulator");
        // One request in flight: with five, a NOT_LEADER_OR_FOLLOWER on a partition whose leadership was still
        // settling (new topic, broker restart) left the idempotent producer resending an old sequence number,
        // refused as OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (PublisherIT on a loaded machine).
        // Batches are large (256 KB, lz4), so throughput stays bounded by the broker, not by the round trip.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return p;
    }

    private static final int MAX_ERRORS_KEPT = 10;

    private final KafkaProducer<byte[], byte[]> producer;

    public Publisher(String bootstrapServers) {
        this(defaults(bootstrapServers));
    }

    public Publisher(Map<String, Object> producerProperties) {
        this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** {@link #publish(Iterator, double, Duration, Consumer)} without progress reports. */
    public PublishReport publish(Iterable<SimRecord> records, double recordsPerSecond) {
        return publish(records.iterator(), recordsPerSecond, Duration.ZERO, report -> { });
    }

    /**
     * Sends every record and waits for all acknowledgements.
     *
     * @param recordsPerSecond target rate; 0 or less for as fast as possible
     * @param progressEvery    how often to call {@code progress} with the counts so far; zero for never
     */
    public PublishReport publish(Iterator<SimRecord> records, double recordsPerSecond, Duration progressEvery,
                                 Consumer<PublishReport> progress) {
        Counts counts = new Counts();
        long started = System.nanoTime();
        long nanosPerRecord = recordsPerSecond > 0 ? (long) (1e9 / recordsPerSecond) : 0;
        long nextProgress = progressEvery.isZero() ? Long.MAX_VALUE : started + progressEvery.toNanos();
        long sent = 0;
        while (records.hasNext()) {
            SimRecord record = records.next();
            if (nanosPerRecord > 0) {
                long due = started + sent * nanosPerRecord;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            send(record, counts);
            sent++;
            if (System.nanoTime() >= nextProgress) {
                progress.accept(counts.report(sent, started));
                nextProgress += progressEvery.toNanos();
            }
        }
        producer.flush();
        return counts.report(sent, started);
    }

    private void send(SimRecord record, Counts counts) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(record.topic(), record.key(), record.value());
        try {
            producer.send(out, (metadata, error) -> {
                if (error == null) {
                    counts.acknowledged(record.topic());
                } else {
                    counts.failed(record, error);
                }
            });
        } catch (KafkaException e) {
            counts.failed(record, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private static final class Counts {
        private final LongAdder acknowledged = new LongAdder();
        private final AtomicLong failed = new AtomicLong();
        private final Map<String, LongAdder> byTopic = new ConcurrentHashMap<>();
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

        void acknowledged(String topic) {
            acknowledged.increment();
            byTopic.computeIfAbsent(topic, t -> new LongAdder()).increment();
        }

        void failed(SimRecord record, Exception error) {
            failed.incrementAndGet();
            if (errors.size() < MAX_ERRORS_KEPT) {
                errors.add(record.topic() + " key " + record.keyString() + ": " + error);
            }
        }

        PublishReport report(long sent, long started) {
            Map<String, Long> topics = new TreeMap<>();
            byTopic.forEach((t, n) -> topics.put(t, n.sum()));
            synchronized (errors) {
                return new PublishReport(sent, acknowledged.sum(), failed.get(),
                        Duration.ofNanos(System.nanoTime() - started), topics, List.copyOf(errors));
            }
        }
    }

}
