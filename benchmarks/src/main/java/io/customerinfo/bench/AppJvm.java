package io.customerinfo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * the peak: measurement #8.
 */
final class AppJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");
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
