package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run on the build machine, so this keeps {@code docker-compose.yml} and the Dockerfiles
 * honest by reading them: the services and their published ports, the topic set-up, and that every
 * environment variable given to the projector or the query API is one the app really binds (as read from
 * the app's own configuration classes and configuration file, see {@link AppConfiguration}).
 */
class DockerComposeConsistencyTest {

    private static final AppEnvironment.RedisTarget SERVER = AppEnvironment.RedisTarget.server("redis://r:6379");
    private static final AppEnvironment.RedisTarget CLUSTER = AppEnvironment.RedisTarget.cluster("r1:7000,r2:7000");
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static Map<String, Object> services;
    private static AppConfiguration projectorConfig;
    private static AppConfiguration queryConfig;

    @BeforeAll
    static void readCompose() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = map(compose.get("services"));
        projectorConfig = AppConfiguration.of("io.customerinfo.projector");
        queryConfig = AppConfiguration.of("io.customerinfo.query");
    }

    @Test
    void hasTheStacksServices() {
        assertThat(services).containsOnlyKeys("kafka", "topics", "redis", "projector", "query-api");
        assertThat(string(service("kafka").get("image"))).startsWith("apache/kafka:");
        assertThat(string(service("topics").get("image"))).isEqualTo(string(service("kafka").get("image")));
        assertThat(string(service("redis").get("image"))).isEqualTo("redis:7");
    }

    @Test
    void publishesTheSamePortsAsTheLocalStack() {
        assertThat(ports("query-api")).containsExactly(RunOptions.DEFAULT_QUERY_PORT + ":" + RunOptions.DEFAULT_QUERY_PORT);
        assertThat(ports("projector")).containsExactly(RunOptions.DEFAULT_PROJECTOR_PORT + ":" + RunOptions.DEFAULT_PROJECTOR_PORT);
        assertThat(ports("kafka")).containsExactly(RunOptions.DEFAULT_KAFKA_PORT + ":" + RunOptions.DEFAULT_KAFKA_PORT);
        assertThat(ports("redis")).containsExactly(RunOptions.DEFAULT_REDIS_PORT + ":" + RunOptions.DEFAULT_REDIS_PORT);
        assertThat(environment("query-api")).containsEntry("SERVER_PORT", String.valueOf(RunOptions.DEFAULT_QUERY_PORT));
        assertThat(environment("projector")).containsEntry("SERVER_PORT", String.valueOf(RunOptions.DEFAULT_PROJECTOR_PORT));
    }

    @Test
    void appsHaveActuatorHealthChecksOnTheirPorts() {
        for (String app : List.of("projector", "query-api")) {
            String test = String.join(" ", strings(map(service(app).get("healthcheck")).get("test")));
            assertThat(test).contains("http://localhost:" + environment(app).get("SERVER_PORT") + "/actuator/health");
        }
        assertThat(String.join(" ", strings(map(service("redis").get("healthcheck")).get("test")))).contains("ping");
        assertThat(map(service("kafka").get("healthcheck"))).containsKey("test");
    }

    @Test
    void everyProjectorVariableIsBoundByTheProjector() {
        assertThat(environment("projector").keySet())
                .allSatisfy(name -> assertThat(projectorConfig.binds(name))
                        .as("%s is bound by the projector (%s)", name, projectorConfig).isTrue())
                .containsAll(AppEnvironment.projector("k", SERVER, 1).keySet());
    }

    @Test
    void everyQueryApiVariableIsBoundByTheQueryApi() {
        assertThat(environment("query-api").keySet())
                .allSatisfy(name -> assertThat(queryConfig.binds(name))
                        .as("%s is bound by the query API (%s)", name, queryConfig).isTrue())
                .containsAll(AppEnvironment.queryApi(SERVER, 1, "k").keySet());
    }

    @Test
    void theLocalStackUsesOnlyVariablesTheAppsBind() {
        assertThat(AppEnvironment.projector("k", SERVER, 1).keySet()).allMatch(projectorConfig::binds);
        assertThat(AppEnvironment.queryApi(SERVER, 1, "k").keySet()).allMatch(queryConfig::binds);
    }

    @Test
    void bothAppsBindTheRedisClusterSetting() {
        assertThat(AppEnvironment.projector("k", CLUSTER, 1).keySet()).allMatch(projectorConfig::binds);
        assertThat(AppEnvironment.queryApi(CLUSTER, 1, "k").keySet()).allMatch(queryConfig::binds);
    }

    @Test
    void theCheckRejectsAVariableNoAppBinds() {
        assertThat(projectorConfig.binds("PROJECTOR_NO_SUCH_SETTING")).isFalse();
        assertThat(queryConfig.binds("KAFKA_BOOTSTRAP_SERVERS")).isFalse();
        assertThat(projectorConfig.binds("QUERY_API_KEYS")).isFalse();
    }

    @Test
    void composeDefaultApiKeyIsTheDemoKeysHash() {
        String keys = environment("query-api").get(AppEnvironment.QUERY_API_KEYS);
        assertThat(keys).contains(DemoApiKey.queryApiKeysSetting(RunOptions.DEFAULT_API_KEY));
    }

    @Test
    void redisKeepsAnAppendOnlyFileSyncedEverySecond() {
        String command = String.join(" ", strings(service("redis").get("command")));
        assertThat(command).contains("--appendonly yes").contains("--appendfsync everysec");
        assertThat(strings(service("redis").get("volumes"))).anyMatch(v -> v.endsWith(":/data"));
    }

    @Test
    void topicServiceCreatesTheStacksTopics() {
        String script = String.join("\n", strings(service("topics").get("command")));
        Matcher loop = Pattern.compile("for t in ([^;]+);").matcher(script);
        assertThat(loop.find()).as("a loop over the topics in:\n%s", script).isTrue();
        assertThat(List.of(loop.group(1).trim().split("\\s+"))).containsExactlyElementsOf(TopicSetup.SOURCE_TOPICS);
        assertThat(script).contains("--partitions " + TopicSetup.PARTITIONS)
                .contains("--config cleanup.policy=compact")
                .contains("\"$$t" + TopicSetup.DEAD_LETTER_SUFFIX + "\"")
                .contains("kafka-topics.sh");
        assertThat(map(map(service("projector").get("depends_on")).get("topics")))
                .containsEntry("condition", "service_completed_successfully");
    }

    @Test
    void dockerfilesBuildTheirModuleAndRunItsExecJar() throws IOException {
        for (String app : List.of("projector", "query-api")) {
            Map<String, Object> build = map(service(app).get("build"));
            assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", app + "/Dockerfile");
            String dockerfile = Files.readString(ROOT.resolve(app).resolve("Dockerfile"));
            assertThat(dockerfile)
                    .contains("-pl " + app + " -am")
                    .contains(app + "/target/" + app + "-*-exec.jar")
                    .contains("FROM eclipse-temurin:17-jre")
                    .containsPattern("ENTRYPOINT \\[.*\"-jar\", \"/app/" + app + ".jar\"\\]")
                    .contains("EXPOSE " + environment(app).get("SERVER_PORT"));
            assertThat(Files.readString(ROOT.resolve(app).resolve("pom.xml")))
                    .as("%s/pom.xml attaches the executable jar as -exec", app)
                    .contains("<classifier>exec</classifier>");
            // the projector runs the parallel collector, the query API the default G1 (README, "Deploy")
            assertThat(dockerfile.contains("\"-XX:+UseParallelGC\"")).as(app).isEqualTo(app.equals("projector"));
        }
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private static List<String> ports(String name) {
        return strings(service(name).get("ports"));
    }

    private static Map<String, String> environment(String name) {
        Map<String, Object> environment = map(service(name).get("environment"));
        Map<String, String> strings = new java.util.LinkedHashMap<>();
        environment.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static String string(Object value) {
        return String.valueOf(value);
    }
}
