package io.customerinfo.stack;

import java.util.Map;

/**
 * The environment variables through which the stack configures the apps: the same names as in
 * {@code docker-compose.yml} and in a real deployment (DockerComposeConsistencyTest checks that the apps bind
 * every one of them).
 */
final class AppEnvironment {

    static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    static final String REDIS_URL = "REDIS_URL";
    static final String SERVER_PORT = "SERVER_PORT";
    static final String QUERY_API_KEYS = "QUERY_API_KEYS";

    private AppEnvironment() {
    }

    static Map<String, String> projector(String kafkaBootstrap, String redisUrl, int port) {
        return Map.of(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrap, REDIS_URL, redisUrl, SERVER_PORT, Integer.toString(port));
    }

    /** @param apiKey the demo key; the query API is given only its SHA-256 hash, for every org */
    static Map<String, String> queryApi(String redisUrl, int port, String apiKey) {
        return Map.of(REDIS_URL, redisUrl, SERVER_PORT, Integer.toString(port),
                QUERY_API_KEYS, DemoApiKey.queryApiKeysSetting(apiKey));
    }
}
