package io.customerinfo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.customerinfo.embedded.AppProcess;
import io.customerinfo.embedded.FreePorts;

/**
 * The projector or the query API as deployed ({@link AppProcess}: {@code java <options> -jar <app>-exec.jar},
 * configured only through the environment variables of {@code docker-compose.yml}), on a free port.
 *
 * <p>While running, a sampler reads {@code jvm.memory.used{area=heap}} from the actuator twice a second and keeps
 * the peak (garbage included); {@link #liveHeap()} is what #8 judges.
 */
final class AppJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=([0-9]+)");
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final String name;
    private final AppProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicLong peakHeap = new AtomicLong(-1);
    private volatile boolean sampling;
    private Thread sampler;

    private AppJvm(String name, AppProcess process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code jar} with {@code env} plus {@code SERVER_PORT} and waits for its health. The process is
     * registered with {@code cleanup}, so a failure later in the run still stops it.
     */
    static AppJvm start(String name, Path jar, List<String> jvmOptions, Map<String, String> env, Path logDir,
                        Cleanup cleanup) {
        int port = FreePorts.next();
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("SERVER_PORT", Integer.toString(port));
        long began = System.nanoTime();
        // one log per start: the benchmark starts the projector several times
        AppProcess process = AppProcess.start(name + "-" + STARTED.incrementAndGet(), jar, jvmOptions, withPort, logDir);
        AppJvm app = new AppJvm(name, process, port);
        cleanup.add(name + " pid " + process.pid(), app::close);
        process.awaitHttpOk(app.url("/actuator/health"), READY_TIMEOUT);
        System.out.printf("[%tT] %s pid %d healthy on port %d after %.1f s (log %s)%n", System.currentTimeMillis(),
                name, app.pid(), port, (System.nanoTime() - began) / 1e9, process.logFile());
        return app;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the app's JVM has used so far (user + system), in seconds; NaN when the OS does not say. */
    double cpuSeconds() {
        return process.cpuSeconds();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Starts sampling the heap (again, from a fresh peak). */
    void startHeapSampling() {
        stopHeapSampling();
        peakHeap.set(-1);
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                long used = heapUsed();
                peakHeap.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name + "-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Stops sampling; returns the peak heap used in bytes, -1 when no sample succeeded. */
    long stopHeapSampling() {
        sampling = false;
        if (sampler != null) {
            sampler.interrupt();
            try {
                sampler.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sampler = null;
        }
        return peakHeap.get();
    }

    /**
     * The first measurement of actuator metric {@code name}, of the meters with {@code tag} ({@code key:value}) when
     * one is given; -1 when the metric is absent.
     */
    double metric(String name, String... tag) {
        try {
            String query = tag.length == 0 ? "" : "?tag=" + tag[0];
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/actuator/metrics/" + name + query))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = VALUE.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The cumulative buckets of Prometheus histogram {@code name} (upper bound in seconds -> count, +Inf last),
     * summed over its tags; empty when the actuator does not answer or has no such histogram.
     */
    java.util.TreeMap<Double, Double> histogramBuckets(String name) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("^" + Pattern.quote(name) + "_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\}\\s+([0-9.eE+-]+)$",
                    Pattern.MULTILINE).matcher(r.body());
            while (m.find()) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
            }
        } catch (IOException e) {
            return buckets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return buckets;
    }

    /** {@code jvm.memory.used{area=heap}} in bytes, -1 when the actuator does not answer. */
    long heapUsed() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/actuator/metrics/jvm.memory.used?tag=area:heap"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = VALUE.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The heap after a full collection (the live data plus the collector's slack) and the most it may grow to. */
    record HeapAfterGc(long liveBytes, long maxBytes) {
        double liveMiB() {
            return liveBytes / 1048576.0;
        }

        double maxMiB() {
            return maxBytes / 1048576.0;
        }
    }

    /**
     * A full GC ({@code jcmd GC.run}, i.e. {@code System.gc()}), then the heap used: what the app really holds now,
     * garbage excluded, so the figure can exceed a target only when the live data does. Also the JVM's
     * {@code MaxHeapSize}: a target at or above it cannot be missed, the caller must not judge one.
     */
    HeapAfterGc liveHeap() {
        jcmd("GC.run");
        long used = heapUsed();
        Matcher max = MAX_HEAP.matcher(jcmd("VM.flags"));
        if (used < 0 || !max.find()) {
            throw new IllegalStateException(name + ": no heap figure after GC.run (actuator answered " + used + ")");
        }
        return new HeapAfterGc(used, Long.parseLong(max.group(1)));
    }

    /** {@code jcmd <pid> <command>} with the jcmd of the JDK the app runs on; its output. */
    private String jcmd(String command) {
        Path jcmd = ProcessHandle.of(pid()).flatMap(h -> h.info().command())
                .map(java -> Path.of(java).resolveSibling("jcmd"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
        if (!Files.isExecutable(jcmd)) {
            jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(jcmd + " " + pid() + " " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd " + command, e);
        }
    }

    void requireAlive() {
        process.requireAlive();
    }

    /** SIGTERM (graceful shutdown), SIGKILL after the grace period. */
    @Override
    public void close() {
        stopHeapSampling();
        process.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
