package io.customerinfo.stack;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables through which the stack configures the apps: the same names as in
 * {@code docker-compose.yml} and in a real deployment (DockerComposeConsistencyTest checks that the apps bind
 * every one of them).
 */
final class AppEnvironment {

    static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    static final String REDIS_URL = "REDIS_URL";
    static final String REDIS_CLUSTER_NODES = "REDIS_CLUSTER_NODES";
    static final String SERVER_PORT = "SERVER_PORT";
    static final String QUERY_API_KEYS = "QUERY_API_KEYS";
    static final String PROJECTOR_ADMIN_KEY = "PROJECTOR_ADMIN_KEY";

    private AppEnvironment() {
    }

    /** Where the apps find Redis: one server ({@code url}) or a cluster ({@code clusterNodes}, which wins). */
    record RedisTarget(String url, String clusterNodes) {

        static RedisTarget server(String url) {
            return new RedisTarget(url, null);
        }

        static RedisTarget cluster(String clusterNodes) {
            return new RedisTarget(null, clusterNodes);
        }

        Map<String, String> env() {
            Map<String, String> env = new HashMap<>();
            if (clusterNodes != null) {
                env.put(REDIS_CLUSTER_NODES, clusterNodes);
            } else {
                env.put(REDIS_URL, url);
                // a cluster named in the stack's own environment would otherwise win in the apps
                env.put(REDIS_CLUSTER_NODES, "");
            }
            return env;
        }

        @Override
        public String toString() {
            return clusterNodes != null ? "cluster " + clusterNodes : url;
        }
    }

    static Map<String, String> projector(String kafkaBootstrap, RedisTarget redis, int port) {
        Map<String, String> env = new HashMap<>(redis.env());
        env.put(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrap);
        env.put(SERVER_PORT, Integer.toString(port));
        // what ./stack rebuild sends: the stack's own PROJECTOR_ADMIN_KEY, else the local default
        env.put(PROJECTOR_ADMIN_KEY, RebuildCommand.adminKey(System.getenv()));
        return env;
    }

    /** @param apiKey the demo key; the query API is given only its SHA-256 hash, for every org */
    static Map<String, String> queryApi(RedisTarget redis, int port, String apiKey) {
        Map<String, String> env = new HashMap<>(redis.env());
        env.put(SERVER_PORT, Integer.toString(port));
        env.put(QUERY_API_KEYS, DemoApiKey.queryApiKeysSetting(apiKey));
        return env;
    }
}
