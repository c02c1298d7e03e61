package io.customerinfo.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./stack run} was told, from its options and the environment.
 *
 * <p>A port of 0 means "any free port" (the tests use it); the defaults are the ports people connect to.
 *
 * @param dataDir everything the stack keeps: {@code kafka/}, {@code redis/}, {@code logs/} ({@code --data-dir},
 *     default {@code ./.local})
 * @param kafkaPort port of the in-process broker ({@code --kafka-port}, default 9092)
 * @param redisPort port of the redis-server the stack starts ({@code --redis-port}, default 6379, or the next
 *     free one when 6379 is taken)
 * @param queryPort port of the query API ({@code --query-port}, default 8080)
 * @param projectorPort port of the projector's actuator ({@code --projector-port}, default 8081)
 * @param apiKey the demo API key the query API accepts for every org ({@code --api-key}, default {@code demo-key})
 * @param kafkaBootstrap an existing Kafka to use instead of starting one ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param redisUrl an existing Redis to use when it answers PING ({@code REDIS_URL})
 * @param redisClusterNodes an existing Redis Cluster to use, starting no Redis ({@code REDIS_CLUSTER_NODES})
 * @param readyTimeout how long to wait for the apps and the sample document ({@code --timeout}, default 120 s)
 * @param appJvmOptions JVM options of the projector's and the query API's JVMs ({@code STACK_APP_JAVA_OPTS},
 *     split on white space; none by default)
 * @param appsDir where the projector's and the query API's executable jars are ({@code stack.apps-dir} system
 *     property, default {@code apps/} beside the local-stack jar)
 */
public record RunOptions(
        Path dataDir,
        int kafkaPort,
        int redisPort,
        int queryPort,
        int projectorPort,
        String apiKey,
        Optional<String> kafkaBootstrap,
        Optional<String> redisUrl,
        Optional<String> redisClusterNodes,
        Duration readyTimeout,
        List<String> appJvmOptions,
        Path appsDir) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REDIS_PORT = 6379;
    public static final int DEFAULT_QUERY_PORT = 8080;
    public static final int DEFAULT_PROJECTOR_PORT = 8081;
    public static final String DEFAULT_API_KEY = "demo-key";

    public static final String USAGE = """
            usage: stack run [options]
              --data-dir DIR        Kafka log, Redis AOF and logs (default ./.local)
              --kafka-port N        in-process broker port (default 9092; 0 = any free port)
              --redis-port N        redis-server port (default 6379, or the next free one; 0 = any free port)
              --query-port N        query API port (default 8080; 0 = any free port)
              --projector-port N    projector actuator port (default 8081; 0 = any free port)
              --api-key KEY         demo API key (default demo-key)
              --timeout SECONDS     wait for the apps and the sample document (default 120)
            environment:
              KAFKA_BOOTSTRAP_SERVERS  use this Kafka, start none
              REDIS_URL                use this Redis when it answers PING, start none
              REDIS_CLUSTER_NODES      use this Redis Cluster (host:port,...), start no Redis
              STACK_APP_JAVA_OPTS      JVM options of the projector and the query API
            """;

    public RunOptions {
        dataDir = dataDir.toAbsolutePath().normalize();
        for (int port : new int[] {kafkaPort, redisPort, queryPort, projectorPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("--api-key must not be empty");
        }
        appJvmOptions = List.copyOf(appJvmOptions);
    }

    /**
     * Parses {@code run}'s options ({@code --name value} or {@code --name=value}) over the defaults.
     *
     * @param env the process environment (a test passes its own)
     * @param defaultDataDir the data dir when {@code --data-dir} is absent
     * @param appsDir where the app jars are
     */
    public static RunOptions parse(List<String> args, Map<String, String> env, Path defaultDataDir, Path appsDir) {
        Path dataDir = defaultDataDir;
        int kafkaPort = DEFAULT_KAFKA_PORT;
        int redisPort = DEFAULT_REDIS_PORT;
        int queryPort = DEFAULT_QUERY_PORT;
        int projectorPort = DEFAULT_PROJECTOR_PORT;
        String apiKey = DEFAULT_API_KEY;
        Duration timeout = Duration.ofSeconds(120);
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            if (value == null) {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = rest.remove(0);
            }
            switch (name) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--kafka-port" -> kafkaPort = port(name, value);
                case "--redis-port" -> redisPort = port(name, value);
                case "--query-port" -> queryPort = port(name, value);
                case "--projector-port" -> projectorPort = port(name, value);
                case "--api-key" -> apiKey = value;
                case "--timeout" -> timeout = Duration.ofSeconds(positive(name, value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        List<String> appJvmOptions = nonBlank(env.get("STACK_APP_JAVA_OPTS"))
                .map(opts -> List.of(opts.split("\\s+"))).orElse(List.of());
        return new RunOptions(dataDir, kafkaPort, redisPort, queryPort, projectorPort, apiKey,
                nonBlank(env.get("KAFKA_BOOTSTRAP_SERVERS")), nonBlank(env.get("REDIS_URL")),
                nonBlank(env.get("REDIS_CLUSTER_NODES")), timeout, appJvmOptions,
                appsDir);
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path redisDir() {
        return dataDir.resolve("redis");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be a port 0..65535, was " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port 0..65535, was '" + value + "'");
        }
    }

    private static long positive(String name, String value) {
        try {
            long n = Long.parseLong(value);
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
