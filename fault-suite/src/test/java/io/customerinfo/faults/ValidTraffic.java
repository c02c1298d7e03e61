package io.customerinfo.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.customerinfo.embedded.http.RawHttp;
import io.customerinfo.embedded.http.Wrk;

/**
 * Valid requests at load, 64 connections, keep-alive: {@code wrk} when it is on the PATH (each request asks for a
 * live customer picked at random), else a generator in this JVM (plain sockets, one thread per connection, the
 * live customers round robin).
 */
final class ValidTraffic {

    static final int CONNECTIONS = 64;

    /** What ran, how many requests, how many were not 200, the p99 latency. */
    record Result(String tool, long requests, long non200, long errors, double p99Millis, double perSecond) {
        String describe() {
            return String.format(Locale.ROOT, "valid load by %s, %d connections: %,d requests (%.0f/s), %d not 200,"
                    + " %d socket errors, p99 %.2f ms", tool, CONNECTIONS, requests, perSecond, non200, errors, p99Millis);
        }
    }

    private ValidTraffic() {
    }

    static Result run(int port, String apiKey, List<Long> ids, Duration duration, Path workDir) {
        Optional<Path> wrk = Wrk.onPath();
        return wrk.isPresent() ? wrk(wrk.get(), port, apiKey, ids, duration, workDir) : jvm(port, apiKey, ids, duration);
    }

    /** wrk -t2 with its default 2 s timeout; the report is kept as {@code wrk.txt} in {@code workDir}. */
    private static Result wrk(Path wrk, int port, String apiKey, List<Long> ids, Duration duration, Path workDir) {
        Path script = Wrk.spreadScript(workDir.resolve("valid.lua"), Wrk.Method.POST, "/crm/customer/info", "cid", 1,
                ids.stream().map(String::valueOf).toList(), Map.of("X-Api-Key", apiKey));
        Wrk.Result r = new Wrk(wrk, 2, CONNECTIONS, Duration.ofSeconds(2))
                .run(URI.create("http://127.0.0.1:" + port + "/crm/customer/info"), Optional.of(script), duration);
        try {
            Files.writeString(workDir.resolve("wrk.txt"), r.report());
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the wrk report in " + workDir, e);
        }
        return new Result("wrk", r.requests(), r.non2xx(), r.socketErrors(), r.p99Millis(), r.requestsPerSecond());
    }

    private static Result jvm(int port, String apiKey, List<Long> ids, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong non200 = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[CONNECTIONS];
        for (int c = 0; c < CONNECTIONS; c++) {
            long[] samples = new long[100_000];
            latencies.add(samples);
            int connection = c;
            Thread t = new Thread(() -> {
                int n = 0;
                int next = connection;
                RawHttp http = null;
                while (System.nanoTime() < end && n < samples.length) {
                    try {
                        if (http == null) {
                            http = RawHttp.connect(port, Duration.ofSeconds(5));
                        }
                        byte[] request = RawHttp.post("/crm/customer/info", "application/x-www-form-urlencoded",
                                "X-Api-Key: " + apiKey + "\r\n",
                                ("cid=" + ids.get(next++ % ids.size())).getBytes(StandardCharsets.UTF_8));
                        RawHttp.Response answer = http.exchange(request);
                        samples[n++] = answer.nanos();
                        if (answer.status() < 0) {
                            errors.incrementAndGet();
                            http.close();
                            http = null;
                        } else if (answer.status() != 200) {
                            non200.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (http != null) {
                            http.close();
                        }
                        http = null;
                    }
                }
                if (http != null) {
                    http.close();
                }
                counts[connection] = n;
            }, "valid-load-" + c);
            threads.add(t);
        }
        long began = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < CONNECTIONS; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double p99 = all.length == 0 ? Double.NaN : all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6;
        return new Result("the JVM generator (wrk not on the PATH)", total, non200.get(), errors.get(), p99, total / seconds);
    }
}
