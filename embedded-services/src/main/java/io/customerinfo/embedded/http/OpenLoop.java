package io.customerinfo.embedded.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Load at a fixed offered rate, open loop, for latency at a given load rather than at saturation (wrk measures
 * the latter). Requests are due on a fixed schedule, spread evenly over {@code connections} keep-alive
 * connections; each latency counts from when its request was due, not from when it could be sent, so a server
 * that stalls is charged for every request it held up (corrected for coordinated omission, as wrk2 does).
 */
public final class OpenLoop {

    /**
     * One run: requests due and answered, failures (non-2xx/3xx answers, timeouts, broken connections), the rate
     * actually answered, and latency percentiles from due time to the end of the answer.
     */
    public record Result(long due, long answered, long failures, double answeredPerSecond, double p50Millis,
            double p99Millis, double p999Millis, double maxMillis) {
    }

    private final int port;
    private final int connections;
    private final Duration readTimeout;

    public OpenLoop(int port, int connections, Duration readTimeout) {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection, was " + connections);
        }
        this.port = port;
        this.connections = connections;
        this.readTimeout = readTimeout;
    }

    /**
     * Sends {@code requests} (whole HTTP/1.1 requests, keep-alive; used in turn) at {@code perSecond} for
     * {@code duration} and waits for every answer.
     */
    public Result run(List<byte[]> requests, double perSecond, Duration duration) {
        if (requests.isEmpty() || perSecond <= 0) {
            throw new IllegalArgumentException("requests and a positive rate are needed");
        }
        long intervalNanos = Math.max(1, Math.round(1e9 / perSecond));
        long total = Math.max(1, duration.toNanos() / intervalNanos);
        long start = System.nanoTime() + 20_000_000; // every connection opened first
        List<Lane> lanes = new ArrayList<>(connections);
        for (int c = 0; c < connections; c++) {
            lanes.add(new Lane(c, requests, start, intervalNanos, total));
        }
        List<Thread> threads = new ArrayList<>(connections);
        for (Lane lane : lanes) {
            Thread t = new Thread(lane, "open-loop-" + lane.index);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the load ran", e);
            }
        }
        long end = lanes.stream().mapToLong(l -> l.lastAnswerAt).max().orElse(start);
        int n = lanes.stream().mapToInt(l -> l.count).sum();
        long[] all = new long[n];
        int at = 0;
        long failures = 0;
        for (Lane lane : lanes) {
            System.arraycopy(lane.latencies, 0, all, at, lane.count);
            at += lane.count;
            failures += lane.failures;
        }
        Arrays.sort(all);
        double seconds = Math.max(1e-9, (end - start) / 1e9);
        return new Result(total, n - failures, failures, (n - failures) / seconds, millis(all, 0.50),
                millis(all, 0.99), millis(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** One connection's share of the schedule: requests {@code index}, {@code index + connections}, ... */
    private final class Lane implements Runnable {
        private final int index;
        private final List<byte[]> requests;
        private final long start;
        private final long intervalNanos;
        private final long total;
        private final long[] latencies;
        private int count;
        private long failures;
        private long lastAnswerAt;

        Lane(int index, List<byte[]> requests, long start, long intervalNanos, long total) {
            this.index = index;
            this.requests = requests;
            this.start = start;
            this.intervalNanos = intervalNanos;
            this.total = total;
            this.latencies = new long[(int) (total / connections + 1)];
        }

        @Override
        public void run() {
            RawHttp connection = null;
            try {
                for (long i = index; i < total; i += connections) {
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    boolean ok;
                    try {
                        if (connection == null) {
                            connection = RawHttp.connect(port, readTimeout);
                        }
                        RawHttp.Response r = connection.exchange(requests.get((int) (i % requests.size())));
                        ok = r.status() >= 200 && r.status() < 400;
                        if (r.status() < 0 || "close".equalsIgnoreCase(r.header("connection"))) {
                            connection.close();
                            connection = null;
                        }
                    } catch (IOException | RuntimeException e) {
                        ok = false;
                        if (connection != null) {
                            connection.close();
                            connection = null;
                        }
                    }
                    long now = System.nanoTime();
                    latencies[count++] = now - due;
                    lastAnswerAt = now;
                    if (!ok) {
                        failures++;
                    }
                }
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }
}
