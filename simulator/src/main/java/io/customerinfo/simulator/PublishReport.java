package io.customerinfo.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a publish did: records handed to the producer, acknowledged by the broker (acks=all), failed (with the
 * first few errors, naming topic and key), per topic counts of acknowledged records.
 */
public record PublishReport(long sent, long acknowledged, long failed, Duration elapsed, Map<String, Long> acknowledgedByTopic,
                            List<String> firstErrors) {

    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : acknowledged / seconds;
    }

    public boolean complete() {
        return failed == 0 && acknowledged == sent;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "sent %d, acknowledged %d, failed %d in %.1f s (%.0f records/s)",
                sent, acknowledged, failed, elapsed.toNanos() / 1e9, recordsPerSecond());
    }
}
