package io.customerinfo.embedded;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Spring Boot app (projector or query API) running as a child JVM from its executable jar.
 *
 * <p>Why child JVMs rather than two {@code SpringApplicationBuilder} contexts in the stack's JVM: each app
 * then runs exactly as it is deployed (its own exec jar, classpath and {@code application.yml}), configured
 * through the same environment variables as in {@code docker-compose.yml}. In one JVM both jars'
 * {@code application.yml} would collide on the classpath and each app would see the other's
 * auto-configuration (Kafka in the query API, for one). The price is a second of start-up and some memory.
 *
 * <p>Output goes to {@code <data dir>/logs/<name>.log}; the pid to {@code <data dir>/logs/<name>.pid}, so
 * that a run after a killed stack can stop the app that run left behind.
 *
 * <p>Shared by {@code ./stack run}, the benchmarks and the fault suite; the last also kills ({@link #kill()}) and
 * freezes ({@link #freeze()}, {@link #thaw()}) the app to inject faults.
 */
public final class AppProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Path jar;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private volatile boolean stopping;

    private AppProcess(String name, Path jar, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.jar = jar;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** Starts {@code java <jvmOptions> -jar <jar>} with {@code env} added to this process's environment. */
    public static AppProcess start(String name, Path jar, List<String> jvmOptions, Map<String, String> env, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " jar not found: " + jar
                    + " (build the exec jars with: mvn -q -B -DskipTests install)");
        }
        Path logFile = logDir.resolve(name + ".log");
        Path pidFile = logDir.resolve(name + ".pid");
        try {
            Files.createDirectories(logDir);
            stopLeftover(name, jar, pidFile);
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new AppProcess(name, jar, process, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " from " + jar, e);
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the app's JVM has used so far (user + system), in seconds; NaN when the OS does not say. */
    public double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Throws, with the log's tail, when the app has exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; the end of "
                    + logFile + ":\n" + tail(30));
        }
    }

    /** SIGKILL, as a crash would: no shutdown hook, no graceful end of the batch in hand. Waits for the exit. */
    public void kill() {
        stopping = true;
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still alive after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** SIGSTOP: every thread of the JVM stops (heartbeats too) until {@link #thaw()}. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            // the shell's kill builtin: no procps needed on a minimal CI image
            Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + process.pid())
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name + ") failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + signal + " to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /** Calls {@code onDeath} when the app exits while nobody asked it to stop. */
    public void onUnexpectedExit(Runnable onDeath) {
        process.onExit().thenRun(() -> {
            if (!stopping) {
                onDeath.run();
            }
        });
    }

    /** Waits until {@code url} answers 2xx; fails early, with the log's tail, when the app exits. */
    public void awaitHttpOk(URI url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; the end of " + logFile + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not ready at " + url + " after " + timeout.toSeconds() + " s (" + last
                + "); the end of " + logFile + ":\n" + tail(40));
    }

    /** SIGTERM (Spring's graceful shutdown finishes the batch in hand), then SIGKILL after the grace period. */
    @Override
    public void close() {
        stopping = true;
        if (process.isAlive()) {
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
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file is checked against the jar's command line before it is acted on
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** An app left running by a stack that was killed (no shutdown hook ran) would hold the ports. */
    private static void stopLeftover(String name, Path jar, Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        Files.deleteIfExists(pidFile);
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(jar.toString())).orElse(false));
        if (leftover.isPresent()) {
            System.out.println("stopping the " + name + " left running by an earlier run (pid " + pid + ")");
            ProcessHandle handle = leftover.get();
            handle.destroy();
            try {
                handle.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
