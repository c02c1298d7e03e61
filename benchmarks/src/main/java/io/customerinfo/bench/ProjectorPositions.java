package io.customerinfo.bench;

import java.time.Duration;
import java.util.Arrays;

import redis.clients.jedis.Jedis;

/**
 * Follows a projector's progress through the positions it writes to Redis after each poll's data
 * ({@code cinfo:g1:pos:{<group>}}: {@code <topic>:<partition>} -> next offset). The sum of the positions is the
 * number of records applied (the bench topics start at offset 0 and are not compacted during a run).
 */
final class ProjectorPositions {

    /** When the applied count first reached each threshold, and the first progress seen. */
    record Crossings(long firstCount, long firstNanos, long[] thresholds, long[] nanos) {

        /** Records per second from the first progress seen to the last threshold. */
        double overallRate() {
            return rate(firstCount, firstNanos, thresholds[thresholds.length - 1], nanos[nanos.length - 1]);
        }

        /** Records per second between threshold {@code i - 1} and {@code i}. */
        double segmentRate(int i) {
            return rate(thresholds[i - 1], nanos[i - 1], thresholds[i], nanos[i]);
        }

        /** NaN when both ends were seen in the same observation: the segment was too small to time. */
        private static double rate(long fromCount, long fromNanos, long toCount, long toNanos) {
            return toNanos == fromNanos ? Double.NaN : (toCount - fromCount) / ((toNanos - fromNanos) / 1e9);
        }
    }

    static final String GENERATION = "1";
    private static final long POLL_MILLIS = 5;

    private final BenchServers servers;
    private final String key;

    ProjectorPositions(BenchServers servers, String groupId) {
        this(servers, Integer.parseInt(GENERATION), groupId);
    }

    /** The positions {@code groupId} writes in {@code generation} (a rebuild writes generation 2). */
    ProjectorPositions(BenchServers servers, int generation, String groupId) {
        this.servers = servers;
        this.key = "cinfo:g" + generation + ":pos:{" + groupId + "}";
    }

    /**
     * Waits until the applied count reaches every threshold (ascending), noting when each was first seen.
     * Fails when the projector dies or {@code timeout} passes.
     */
    Crossings await(long[] thresholds, Duration timeout, AppJvm projector) {
        long[] nanos = new long[thresholds.length];
        long firstCount = -1;
        long firstNanos = 0;
        int next = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Jedis jedis = servers.redis()) {
            while (next < thresholds.length) {
                long applied = jedis.hvals(key).stream().mapToLong(Long::parseLong).sum();
                long now = System.nanoTime();
                if (applied > 0 && firstCount < 0) {
                    firstCount = applied;
                    firstNanos = now;
                }
                while (next < thresholds.length && applied >= thresholds[next]) {
                    nanos[next++] = now;
                }
                if (next == thresholds.length) {
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException("projector applied " + applied + " of " + Arrays.toString(thresholds)
                            + " records within " + timeout.toSeconds() + " s");
                }
                projector.requireAlive();
                AppJvm.sleep(POLL_MILLIS);
            }
        }
        return new Crossings(firstCount, firstNanos, thresholds, nanos);
    }
}
