package io.customerinfo.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisServer;

/**
 * The servers the scenarios share: one broker, the main {@code redis-server} (AOF, {@code appendfsync
 * everysec}), where the apps' jars are, where logs and the summary go. Apps are started through here with the
 * environment variables of a deployment (README, configuration table).
 */
final class FaultStack implements AutoCloseable {

    /** The key of the valid traffic: every org. */
    static final String LOAD_KEY = "fault-load-key";
    static final String QUERY_API_HEAP = "256m";
    private static final List<String> PROJECTOR_JVM = List.of("-Xmx512m");
    private static final List<String> QUERY_API_JVM = List.of("-Xmx" + QUERY_API_HEAP);

    private final Path dir;
    private final Path appsDir;
    private final Path summaryFile;
    private final KafkaBroker broker;
    private final RedisServer redis;
    private final StoredDocuments stored;
    private final Map<String, String> orgKeys = new LinkedHashMap<>();

    private FaultStack(Path dir, Path appsDir, Path outDir, KafkaBroker broker, RedisServer redis) {
        this.dir = dir;
        this.appsDir = appsDir;
        this.summaryFile = outDir.resolve("summary.txt");
        this.broker = broker;
        this.redis = redis;
        this.stored = new StoredDocuments(redis.host(), redis.port());
        for (String org : List.of("1", "2", "3")) {
            orgKeys.put(org, "fault-org-" + org + "-key");
        }
    }

    static FaultStack start() throws IOException {
        Path appsDir = Path.of(System.getProperty("faults.apps-dir", "target/apps"));
        Path outDir = Path.of(System.getProperty("faults.out-dir", "target/fault-suite"));
        Files.createDirectories(outDir);
        Files.deleteIfExists(outDir.resolve("summary.txt"));
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "fault-suite-");
        KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
        RedisServer redis;
        try {
            redis = RedisServer.builder().dataDir(dir.resolve("redis")).appendOnly(true).appendFsync("everysec").start();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return new FaultStack(dir, appsDir, outDir, broker, redis);
    }

    KafkaBroker broker() {
        return broker;
    }

    RedisServer redis() {
        return redis;
    }

    StoredDocuments stored() {
        return stored;
    }

    Path dir() {
        return dir;
    }

    Path summaryFile() {
        return summaryFile;
    }

    /** org id -> the API key that may read only that org. */
    Map<String, String> orgKeys() {
        return orgKeys;
    }

    /** A Redis of a scenario's own (no AOF: these scenarios do not restart it). */
    RedisServer scenarioRedis(String name) {
        return RedisServer.builder().dataDir(dir.resolve("redis-" + name)).start();
    }

    App projector(String name, RedisServer target, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        all.put("REDIS_URL", target.url());
        return App.start(name, appsDir.resolve("projector.jar"), PROJECTOR_JVM, all, dir.resolve("logs"));
    }

    /** The query API: one key per org (1, 2, 3) and the load key for every org; rate limits out of reach. */
    App queryApi(RedisServer target) {
        StringBuilder keys = new StringBuilder("load:" + sha256Hex(LOAD_KEY) + ":*");
        orgKeys.forEach((org, key) -> keys.append(";org").append(org).append(':').append(sha256Hex(key)).append(':').append(org));
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", target.url());
        env.put("QUERY_API_KEYS", keys.toString());
        env.put("QUERY_RATE_LIMIT_PER_SECOND", "100000000");
        env.put("QUERY_RATE_LIMIT_BURST", "100000000");
        return App.start("query-api", appsDir.resolve("query-api.jar"), QUERY_API_JVM, env, dir.resolve("logs"));
    }

    /** SIGSTOP: the server keeps its sockets (connections are accepted by the kernel) but answers nothing. */
    void freezeRedis() {
        signalRedis("STOP");
    }

    void thawRedis() {
        signalRedis("CONT");
    }

    private void signalRedis(String signal) {
        try {
            Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + redis.pid()).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " redis-server failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        stored.close();
        try {
            thawRedis();
        } catch (RuntimeException e) {
            // not running: nothing to thaw
        }
        redis.close();
        broker.close();
    }
}
