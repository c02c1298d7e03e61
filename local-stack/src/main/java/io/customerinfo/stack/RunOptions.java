package io.customerinfo.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ./stack run} was told, from its options and the environment ({@link RunCommand} parses them).
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
    public static final long DEFAULT_TIMEOUT_SECONDS = 120;

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

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path redisDir() {
        return dataDir.resolve("redis");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }
}
