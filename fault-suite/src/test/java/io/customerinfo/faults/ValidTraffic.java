package io.customerinfo.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Valid requests at load, 64 connections, keep-alive: {@code wrk} when it is on the PATH, else a generator in
 * this JVM (plain sockets, one thread per connection). Each request asks for a live customer, round robin.
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
        return wrkOnPath() ? wrk(port, apiKey, ids, duration, workDir) : jvm(port, apiKey, ids, duration);
    }

    static boolean wrkOnPath() {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "wrk")));
    }

    private static Result wrk(int port, String apiKey, List<Long> ids, Duration duration, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path script = workDir.resolve("valid.lua");
            Files.writeString(script, """
                    local ids = {%s}
                    local i = 0
                    request = function()
                      i = i + 1
                      return wrk.format("POST", "/crm/customer/info",
                        {["X-Api-Key"] = "%s", ["Content-Type"] = "application/x-www-form-urlencoded"},
                        "cid=" .. ids[(i %% #ids) + 1])
                    end
                    """.formatted(ids.stream().map(String::valueOf).collect(Collectors.joining(",")), apiKey));
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration.toSeconds() + "s",
                    "--latency", "-s", script.toString(), "http://127.0.0.1:" + port).redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk failed:\n" + out);
            }
            Files.writeString(workDir.resolve("wrk.txt"), out);
            long requests = Long.parseLong(find(out, "(\\d+) requests in"));
            String non2xx = findOrNull(out, "Non-2xx or 3xx responses: (\\d+)");
            String errors = findOrNull(out, "Socket errors: (.*)");
            long errorCount = errors == null ? 0 : Pattern.compile("\\d+").matcher(errors).results()
                    .mapToLong(m -> Long.parseLong(m.group())).sum();
            return new Result("wrk", requests, non2xx == null ? 0 : Long.parseLong(non2xx), errorCount,
                    millis(find(out, "\\s99%\\s+([0-9.]+(?:us|ms|s|m))")), Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
                            http = new RawHttp(port, 5000);
                        }
                        byte[] request = RawHttp.post("/crm/customer/info", "application/x-www-form-urlencoded",
                                "X-Api-Key: " + apiKey + "\r\n",
                                ("cid=" + ids.get(next++ % ids.size())).getBytes(StandardCharsets.UTF_8));
                        RawHttp.Answer answer = http.exchange(request);
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

    private static double millis(String value) {
        Matcher m = Pattern.compile("([0-9.]+)(us|ms|s|m)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a wrk latency: " + value);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }

    private static String find(String text, String regex) {
        String found = findOrNull(text, regex);
        if (found == null) {
            throw new IllegalStateException("no '" + regex + "' in the wrk output:\n" + text);
        }
        return found;
    }

    private static String findOrNull(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
