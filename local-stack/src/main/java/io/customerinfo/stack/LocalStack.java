package io.customerinfo.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.customerinfo.embedded.AppProcess;
import io.customerinfo.embedded.FreePorts;
import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisServer;

/**
 * The whole product on one machine: Redis, Kafka, the projector and the query API, started in that order
 * and stopped in the reverse one.
 *
 * <p>Kafka is the in-process broker unless {@code KAFKA_BOOTSTRAP_SERVERS} names one; Redis is a
 * {@code redis-server} child process (AOF on) unless {@code REDIS_URL} answers PING. Both keep their data
 * under the data dir, so a second run serves the documents of the first before anything is published.
 * The contract's sample events are published only into topics this run created.
 */
public final class LocalStack implements AutoCloseable {

    static final String SAMPLE_CUSTOMER = "62640";
    private static final Duration EXISTING_DATA_WAIT = Duration.ofSeconds(30);

    private final RunOptions options;
    private final PrintStream out;
    private final Deque<Stoppable> started = new ArrayDeque<>();
    private String kafkaBootstrap;
    private AppEnvironment.RedisTarget redis;
    private int queryPort;
    private int projectorPort;
    private boolean samplePublished;
    private boolean closed;

    private LocalStack(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Starts everything and returns once the query API serves the sample customer. */
    public static LocalStack start(RunOptions options, PrintStream out) {
        LocalStack stack = new LocalStack(options, out);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(options.logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + options.dataDir(), e);
        }
        // Redis first, so that stopping in reverse runs: apps, then the broker (flushes its log), then Redis
        startRedis();
        startKafka();
        boolean topicsNew = TopicSetup.ensure(kafkaBootstrap);
        long appsBegan = System.nanoTime();
        List<AppProcess> apps = launchApps();
        // while the apps' JVMs start: the topics exist, so the projector will read the sample from the start
        if (topicsNew) {
            long began = System.nanoTime();
            int records = SampleEvents.publish(kafkaBootstrap);
            samplePublished = true;
            out.printf("published the contract's %d sample events into the new topics (%d ms)%n", records, millisSince(began));
        } else {
            out.println("topics exist: nothing published, serving what Redis holds");
        }
        awaitApps(apps, appsBegan);
        long began = System.nanoTime();
        DocumentProbe probe = new DocumentProbe(queryUrl(), options.apiKey());
        if (samplePublished) {
            probe.awaitDocument(SAMPLE_CUSTOMER, options.readyTimeout());
        } else {
            // topics of an earlier run (or of someone else's Kafka, which may never have seen the sample customer)
            Duration wait = options.readyTimeout().compareTo(EXISTING_DATA_WAIT) < 0 ? options.readyTimeout() : EXISTING_DATA_WAIT;
            try {
                probe.awaitDocument(SAMPLE_CUSTOMER, wait);
            } catch (IllegalStateException e) {
                out.println("customer " + SAMPLE_CUSTOMER + " is not served yet (" + e.getMessage() + ")");
                return;
            }
        }
        out.printf("customer %s served (%d ms)%n", SAMPLE_CUSTOMER, millisSince(began));
    }

    private void startKafka() {
        if (options.kafkaBootstrap().isPresent()) {
            kafkaBootstrap = options.kafkaBootstrap().get();
            out.println("kafka: using KAFKA_BOOTSTRAP_SERVERS=" + kafkaBootstrap + " (starting none)");
            return;
        }
        requireFree(options.kafkaPort(), "--kafka-port", "or set KAFKA_BOOTSTRAP_SERVERS to use a running Kafka");
        long began = System.nanoTime();
        KafkaBroker broker = KafkaBroker.start(options.kafkaDir(), options.kafkaPort());
        started.push(new Stoppable("kafka broker", broker::stop));
        kafkaBootstrap = broker.bootstrapServers();
        out.printf("kafka: in-process KRaft broker on %s, log in %s (%d ms)%n", kafkaBootstrap, options.kafkaDir(),
                millisSince(began));
    }

    private void startRedis() {
        if (options.redisClusterNodes().isPresent()) {
            redis = AppEnvironment.RedisTarget.cluster(options.redisClusterNodes().get());
            out.println("redis: using REDIS_CLUSTER_NODES=" + options.redisClusterNodes().get() + " (starting none)");
            return;
        }
        if (options.redisUrl().isPresent()) {
            String url = options.redisUrl().get();
            if (RedisServer.ping(url)) {
                redis = AppEnvironment.RedisTarget.server(url);
                out.println("redis: using REDIS_URL=" + redactPassword(url) + " (starting none)");
                return;
            }
            out.println("redis: REDIS_URL=" + redactPassword(url) + " does not answer PING; starting redis-server");
        }
        long began = System.nanoTime();
        int port = options.redisPort() == RunOptions.DEFAULT_REDIS_PORT ? firstFreeFrom(RunOptions.DEFAULT_REDIS_PORT)
                : options.redisPort();
        RedisServer server = RedisServer.builder()
                .dataDir(options.redisDir())
                .port(port)
                .appendOnly(true)
                .appendFsync("everysec")
                .start();
        // SIGTERM makes redis-server run SHUTDOWN: the AOF is fsynced before it exits
        started.push(new Stoppable("redis-server", server::stop));
        redis = AppEnvironment.RedisTarget.server(server.url());
        out.printf("redis: %s (%s), AOF in %s (%d ms)%n", server.url(), server.binary(), options.redisDir(), millisSince(began));
    }

    /** Starts both app JVMs side by side and returns without waiting for them. */
    private List<AppProcess> launchApps() {
        projectorPort = portOrFree(options.projectorPort(), "--projector-port");
        queryPort = portOrFree(options.queryPort(), "--query-port");
        AppProcess projector = AppProcess.start("projector", options.appsDir().resolve("projector.jar"),
                options.appJvmOptions(), AppEnvironment.projector(kafkaBootstrap, redis, projectorPort), options.logDir());
        started.push(new Stoppable("projector", projector::close));
        AppProcess query = AppProcess.start("query-api", options.appsDir().resolve("query-api.jar"),
                options.appJvmOptions(), AppEnvironment.queryApi(redis, queryPort, options.apiKey()), options.logDir());
        started.push(new Stoppable("query API", query::close));
        return List.of(projector, query);
    }

    /** Each app is ready when its actuator health answers 200 (UP). */
    private void awaitApps(List<AppProcess> apps, long began) {
        apps.get(0).awaitHttpOk(URI.create("http://127.0.0.1:" + projectorPort + "/actuator/health"), options.readyTimeout());
        apps.get(1).awaitHttpOk(URI.create("http://127.0.0.1:" + queryPort + "/actuator/health"), options.readyTimeout());
        for (AppProcess app : apps) {
            app.onUnexpectedExit(() -> out.println(app.name() + " exited unexpectedly; see " + app.logFile()));
        }
        out.printf("projector: http://localhost:%d/actuator/health, query API: http://localhost:%d, logs in %s (%d ms)%n",
                projectorPort, queryPort, options.logDir(), millisSince(began));
    }

    /** Stops what this run started, newest first: the apps, then the broker (flushes its log), then Redis. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            Stoppable next = started.pop();
            try {
                next.stop().run();
            } catch (RuntimeException e) {
                out.println("stopping " + next.name() + " failed: " + e);
            }
        }
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** The Redis URL, or {@code cluster <nodes>}. */
    public String redis() {
        return redactPassword(redis.toString());
    }

    public int queryPort() {
        return queryPort;
    }

    public int projectorPort() {
        return projectorPort;
    }

    public URI queryUrl() {
        return URI.create("http://localhost:" + queryPort);
    }

    /** Whether this run published the sample events (only into topics it created). */
    public boolean samplePublished() {
        return samplePublished;
    }

    public RunOptions options() {
        return options;
    }

    /** The curl that returns the contract's golden response. */
    public String curl() {
        return "curl -s -X POST -H 'X-Api-Key: " + options.apiKey() + "' -d cid=" + SAMPLE_CUSTOMER + " "
                + queryUrl() + "/crm/customer/info";
    }

    private static void requireFree(int port, String option, String alternative) {
        if (port != 0 && !isFree(port)) {
            throw new IllegalStateException("port " + port + " is in use: pass " + option + " N (0 = any free port) "
                    + alternative);
        }
    }

    private static int portOrFree(int port, String option) {
        if (port == 0) {
            return FreePorts.next();
        }
        requireFree(port, option, "or stop what holds it");
        return port;
    }

    private static int firstFreeFrom(int port) {
        for (int candidate = port; candidate < port + 100; candidate++) {
            if (isFree(candidate)) {
                return candidate;
            }
        }
        return FreePorts.next();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String redactPassword(String url) {
        return url.replaceFirst("//([^:@/]*):[^@/]*@", "//$1:***@");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private record Stoppable(String name, Runnable stop) {
    }
}
