package io.customerinfo.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.customerinfo.simulator.Topics;

/**
 * Starts the projector and the query API with the environment variables of a deployment (README, configuration
 * table) and the run's JVM options ({@code -Xmx1g} by default), optionally with a JFR recording each.
 */
final class AppLauncher {

    static final String API_KEY = "bench-key";

    private final BenchOptions options;
    private final BenchServers servers;
    private final Path logDir;
    private final Cleanup cleanup;
    private final AtomicInteger started = new AtomicInteger();

    AppLauncher(BenchOptions options, BenchServers servers, Path logDir, Cleanup cleanup) {
        this.options = options;
        this.servers = servers;
        this.logDir = logDir;
        this.cleanup = cleanup;
    }

    AppJvm projector(String groupId, Topics topics) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrap());
        env.put("REDIS_URL", servers.redisUrl());
        env.put("PROJECTOR_GROUP_ID", groupId);
        env.put("TOPIC_CUSTOMER", topics.customer());
        env.put("TOPIC_CONTACT", topics.contact());
        env.put("TOPIC_ADDRESS", topics.address());
        env.put("TOPIC_INVOICE", topics.invoice());
        env.put("TOPIC_ORDER", topics.order());
        // #7 starts a rebuild through the admin endpoint; it never switches (measured, then cancelled)
        env.put("PROJECTOR_ADMIN_KEY", RebuildRate.ADMIN_KEY);
        env.put("PROJECTOR_REBUILD_SWITCH_LAG", "-1");
        return AppJvm.start("projector", options.appsDir().resolve("projector.jar"), jvmOptions("projector"), env,
                logDir, cleanup);
    }

    /** The query API with one caller, {@link #API_KEY}, for every org and a rate limit wrk cannot reach. */
    AppJvm queryApi() {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", servers.redisUrl());
        env.put("QUERY_API_KEYS", "bench:" + sha256Hex(API_KEY) + ":*");
        env.put("QUERY_RATE_LIMIT_PER_SECOND", "100000000");
        env.put("QUERY_RATE_LIMIT_BURST", "100000000");
        return AppJvm.start("query-api", options.appsDir().resolve("query-api.jar"), jvmOptions("query-api"), env,
                logDir, cleanup);
    }

    private List<String> jvmOptions(String name) {
        List<String> list = new ArrayList<>(options.appJvmOptionList());
        options.jfrDir().ifPresent(dir -> list.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + dir.toAbsolutePath().resolve(name + "-" + started.incrementAndGet() + ".jfr")));
        return list;
    }

    static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
