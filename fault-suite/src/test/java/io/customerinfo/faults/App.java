package io.customerinfo.faults;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.customerinfo.embedded.AppProcess;
import io.customerinfo.embedded.FreePorts;

/** The projector or the query API as a child JVM from its exec jar (see {@link AppProcess}), on a free port. */
final class App implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final AppProcess process;
    private final int port;

    private App(AppProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code <appsDir>/<jarName>} with {@code env} plus {@code SERVER_PORT}; waits for health UP. */
    static App start(String name, Path jar, List<String> jvmOptions, Map<String, String> env, Path logDir) {
        int port = FreePorts.next();
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("SERVER_PORT", Integer.toString(port));
        App app = new App(AppProcess.start(name, jar, jvmOptions, withPort, logDir), port);
        try {
            app.process.awaitHttpOk(app.url("/actuator/health"), READY_TIMEOUT);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    AppProcess process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** HTTP status of {@code /actuator/health} (200 UP, 503 DOWN), -1 when it does not answer within 3 s. */
    int healthStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(url("/actuator/health")).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The sum of a Prometheus counter's samples whose labels contain every {@code labelFilter} ({@code k="v"}). */
    double metric(String name, String... labelFilter) {
        String text;
        try {
            text = HTTP.send(HttpRequest.newBuilder(url("/actuator/prometheus")).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("no metrics from " + process.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+([0-9.eE+-]+|NaN)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(text);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String f : labelFilter) {
                all &= labels.contains(f);
            }
            if (all && !m.group(2).equals("NaN")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /** {@code jvm.memory.used{area=heap}} in bytes, -1 when the actuator does not answer. */
    long heapUsed() {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(url("/actuator/metrics/jvm.memory.used?tag=area:heap"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)").matcher(body);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM, SIGKILL after the grace period. */
    @Override
    public void close() {
        process.close();
    }
}
