package io.customerinfo.projector.rebuild;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

/**
 * One measurement of a rebuild: records behind the log end per partition, records done, rate and time left.
 *
 * @param lag records behind the log end, per {@code <topic>:<partition>}
 * @param done records replayed so far (positions minus log starts)
 * @param recordsPerSecond replay rate over the last measurement interval
 * @param eta time left at that rate (null when the rate is 0)
 */
record RebuildProgress(Map<String, Long> lag, long done, double recordsPerSecond, Duration eta) {

    long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    long maxLag() {
        return lag.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * @param positions next offset per partition in the target generation; absent = not started
     * @param starts first offset per partition (log start), ends the log end offsets
     * @param previous the last measurement (for the rate), or null
     */
    static RebuildProgress measure(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> starts,
                                   Map<TopicPartition, Long> ends, RebuildProgress previous, Duration since) {
        Map<String, Long> lag = new TreeMap<>();
        long done = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            TopicPartition tp = e.getKey();
            long start = starts.getOrDefault(tp, 0L);
            long at = Math.max(positions.getOrDefault(tp, start), start);
            lag.put(tp.topic() + ":" + tp.partition(), Math.max(0, e.getValue() - at));
            done += at - start;
        }
        double rate = 0;
        if (previous != null && since.toNanos() > 0) {
            rate = Math.max(0, done - previous.done()) / (since.toNanos() / 1e9);
        }
        long total = lag.values().stream().mapToLong(Long::longValue).sum();
        Duration eta = rate > 0 ? Duration.ofMillis((long) (total / rate * 1000)) : null;
        return new RebuildProgress(lag, done, rate, eta);
    }

    String toJson() {
        StringBuilder sb = new StringBuilder("{\"done\":").append(done)
                .append(",\"total_lag\":").append(totalLag())
                .append(",\"max_lag\":").append(maxLag())
                .append(",\"records_per_second\":").append(Math.round(recordsPerSecond))
                .append(",\"eta_seconds\":").append(eta == null ? "null" : Long.toString(eta.toSeconds()))
                .append(",\"lag\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : lag.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            // topic names are [a-zA-Z0-9._-]: nothing to escape
            sb.append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        return sb.append("}}").toString();
    }
}
