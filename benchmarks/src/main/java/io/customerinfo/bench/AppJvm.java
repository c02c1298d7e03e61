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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.customerinfo.embedded.FreePorts;

/**
 * The projector or the query API as deployed: {@code java <options> -jar <app>-exec.jar}, configured only through
 * the environment variables of {@code docker-compose.yml}. (local-stack's AppProcess does the same for
 * {@code ./stack run} but is package-private inside a repackaged jar, so it cannot be shared from here.)
 *
 * <p>While running, a sampler reads {@code jvm.memory.used{area=heap}} from the actuator twice a second and keeps
 * the peak: measurement #8.
 */
final class AppJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicLong peakHeap = new AtomicLong(-1);
    private volatile boolean sampling;
    private Thread sampler;

    private AppJvm(String name, Process process, Path logFile, int port) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Starts {@code <appsDir>/<jarName>} with {@code env} plus {@code SERVER_PORT} and waits for its health.
     * The process is registered with {@code cleanup}, so a failure later in the run still stops it.
     */
    static AppJvm start(String name, Path jar, List<String> jvmOptions, Map<String, String> env, Path logDir,
                        Cleanup cleanup) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " jar not found: " + jar
                    + " (build it with: mvn -q -B -DskipTests -pl benchmarks -am install)");
        }
        int port = FreePorts.next();
        try {
            Files.createDirectories(logDir);
            Path logFile = Files.createTempFile(logDir, name + "-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            long began = System.nanoTime();
            AppJvm app = new AppJvm(name, builder.start(), logFile, port);
            cleanup.add(name + " pid " + app.process.pid(), app::close);
            app.awaitHealthy();
            System.out.printf("[%tT] %s pid %d healthy on port %d after %.1f s (log %s)%n", System.currentTimeMillis(),
                    name, app.pid(), port, (System.nanoTime() - began) / 1e9, logFile);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " from " + jar, e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the app's JVM has used so far (user + system), in seconds; NaN when the OS does not say. */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
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

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; the end of "
                    + logFile + ":\n" + tail(30));
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            requireAlive();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + READY_TIMEOUT.toSeconds() + " s (" + last
                + "); the end of " + logFile + ":\n" + tail(30));
    }

    /** SIGTERM (graceful shutdown), SIGKILL after the grace period. */
    @Override
    public void close() {
        stopHeapSampling();
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ")";
        }
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
