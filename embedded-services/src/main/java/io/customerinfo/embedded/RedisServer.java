package io.customerinfo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real {@code redis-server} child process on a loopback port (see {@link RedisBinary} for where the binary
 * comes from). The port and the data directory are fixed for the life of this object, so {@link #restart()}
 * after {@link #kill()} reloads the AOF from the same place, as a fault test needs.
 *
 * <p>RDB snapshots are off ({@code --save ''}); durability, when wanted, is the AOF
 * ({@code appendonly yes}, {@code appendfsync everysec} by default). The server's log is
 * {@code <dataDir>/redis.log}. A JVM shutdown hook stops the processes still running at exit.
 */
public final class RedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RedisServer::reapAll, "redis-server-reaper"));
    }

    private final Path binary;
    private final Path dataDir;
    private final int port;
    private final boolean appendOnly;
    private final String appendFsync;
    private final boolean clusterEnabled;
    private final List<String> extraArgs;
    private Process process;

    private RedisServer(Builder b) {
        this.binary = b.binary != null ? b.binary : RedisBinary.resolve();
        this.dataDir = dataDirOf(b).toAbsolutePath();
        this.port = FreePorts.orFree(b.port);
        this.appendOnly = b.appendOnly;
        this.appendFsync = b.appendFsync;
        this.clusterEnabled = b.clusterEnabled;
        this.extraArgs = List.copyOf(b.extraArgs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A started server on a free port with its data (and AOF) in {@code dataDir}. */
    public static RedisServer startWithAof(Path dataDir) {
        return builder().dataDir(dataDir).appendOnly(true).start();
    }

    /** True when a Redis server answers PING at {@code url} ({@code redis://[user:pass@]host:port[/db]}) within 1 s. */
    public static boolean ping(String url) {
        return ping(url, Duration.ofSeconds(1));
    }

    public static boolean ping(String url, Duration timeout) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            return false;
        }
        try (Jedis jedis = new Jedis(uri, (int) timeout.toMillis())) {
            return "PONG".equals(jedis.ping());
        } catch (JedisException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Starts the process (no-op when running) and waits until it answers PING. */
    public synchronized RedisServer start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path logFile = dataDir.resolve("redis.log");
            ProcessBuilder pb = new ProcessBuilder(command())
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            process = pb.start();
            LIVE.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary + " on port " + port, e);
        }
        awaitPong();
        log.info("redis-server pid {} up on {} (dir {}, aof {})", process.pid(), url(), dataDir, appendOnly);
        return this;
    }

    /** Graceful stop (SIGTERM: Redis flushes the AOF and exits), SIGKILL if it does not exit in time. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit(STOP_TIMEOUT);
    }

    /** SIGKILL: the crash a fault test wants. Writes acknowledged before it are in the AOF file (page cache). */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
    }

    /** Stops (if running) and starts again on the same port and data dir; with AOF on, the data is reloaded. */
    public synchronized RedisServer restart() {
        stop();
        return start();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:<port>} */
    public String url() {
        return "redis://" + host() + ":" + port;
    }

    public HostAndPort hostAndPort() {
        return new HostAndPort(host(), port);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path binary() {
        return binary;
    }

    @Override
    public void close() {
        stop();
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(),
                "--port", String.valueOf(port),
                "--bind", host(),
                "--dir", dataDir.toString(),
                "--daemonize", "no",
                "--protected-mode", "no",
                "--logfile", "",
                "--save", "",
                "--appendonly", appendOnly ? "yes" : "no",
                "--appendfsync", appendFsync));
        if (clusterEnabled) {
            cmd.addAll(List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", "5000"));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                LIVE.remove(process);
                throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue()
                        + "; log tail:\n" + logTail());
            }
            try (Jedis jedis = new Jedis(new HostAndPort(host(), port),
                    redis.clients.jedis.DefaultJedisClientConfig.builder().connectionTimeoutMillis(200)
                            .socketTimeoutMillis(1000).build())) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (JedisException e) {
                // not listening yet (or still loading the AOF): ask again
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                        + START_TIMEOUT + "; log tail:\n" + logTail());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server on port " + port, e);
            }
        }
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("redis-server pid {} on port {} ignored SIGTERM for {}; killing it", process.pid(), port, timeout);
                process.destroyForcibly();
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            LIVE.remove(process);
            process = null;
        }
    }

    /** At JVM exit: SIGTERM (Redis flushes its AOF), then SIGKILL what is still alive after 5 s. */
    private static void reapAll() {
        List<Process> live = List.copyOf(LIVE);
        live.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Process p : live) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("redis.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path dataDirOf(Builder b) {
        if (b.dataDir != null) {
            return b.dataDir;
        }
        try {
            return Files.createTempDirectory("redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for redis-server", e);
        }
    }

    /** Options; every one has a default: temp dir, free port, AOF off, fsync everysec, no cluster. */
    public static final class Builder {
        private Path binary;
        private Path dataDir;
        private int port;
        private boolean appendOnly;
        private String appendFsync = "everysec";
        private boolean clusterEnabled;
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir);
            return this;
        }

        /** 0 (the default) for a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder appendOnly(boolean appendOnly) {
            this.appendOnly = appendOnly;
            return this;
        }

        /** {@code always}, {@code everysec} (default) or {@code no}. */
        public Builder appendFsync(String appendFsync) {
            if (!Set.of("always", "everysec", "no").contains(appendFsync)) {
                throw new IllegalArgumentException("appendfsync must be always, everysec or no: " + appendFsync);
            }
            this.appendFsync = appendFsync;
            return this;
        }

        public Builder clusterEnabled(boolean clusterEnabled) {
            this.clusterEnabled = clusterEnabled;
            return this;
        }

        /** An explicit redis-server binary instead of {@link RedisBinary#resolve()}. */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary);
            return this;
        }

        /** An extra {@code --name value} option for redis-server, e.g. {@code ("maxmemory", "64mb")}. */
        public Builder option(String name, String value) {
            extraArgs.add("--" + name);
            extraArgs.add(value);
            return this;
        }

        /** The configured server, not started. */
        public RedisServer build() {
            return new RedisServer(this);
        }

        public RedisServer start() {
            return build().start();
        }
    }
}
