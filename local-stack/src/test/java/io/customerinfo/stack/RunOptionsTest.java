package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunOptionsTest {

    private static final Path HOME = Path.of("/repo/.local");
    private static final Path APPS = Path.of("/repo/local-stack/target/apps");

    @Test
    void defaultsAreThePortsPeopleConnectTo() {
        RunOptions options = RunCommand.parse(List.of(), Map.of(), HOME, APPS);

        assertThat(options.dataDir()).isEqualTo(HOME);
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.redisPort()).isEqualTo(6379);
        assertThat(options.queryPort()).isEqualTo(8080);
        assertThat(options.projectorPort()).isEqualTo(8081);
        assertThat(options.apiKey()).isEqualTo("demo-key");
        assertThat(options.kafkaBootstrap()).isEmpty();
        assertThat(options.redisUrl()).isEmpty();
        assertThat(options.redisClusterNodes()).isEmpty();
        assertThat(options.kafkaDir()).isEqualTo(HOME.resolve("kafka"));
        assertThat(options.redisDir()).isEqualTo(HOME.resolve("redis"));
        assertThat(options.appJvmOptions()).isEmpty();
        assertThat(options.readyTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.appsDir()).isEqualTo(APPS);
    }

    @Test
    void optionsInBothFormsAndTheEnvironment() {
        RunOptions options = RunCommand.parse(
                List.of("--data-dir", "/tmp/d", "--kafka-port=0", "--redis-port", "7000", "--query-port", "0",
                        "--projector-port=9001", "--api-key", "k", "--timeout", "30"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "REDIS_URL", " redis://r:6379 ",
                        "STACK_APP_JAVA_OPTS", " -Xmx256m  -XX:+UseSerialGC ", "REDIS_CLUSTER_NODES", "a:1,b:2"),
                HOME, APPS);

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.redisPort()).isEqualTo(7000);
        assertThat(options.queryPort()).isZero();
        assertThat(options.projectorPort()).isEqualTo(9001);
        assertThat(options.apiKey()).isEqualTo("k");
        assertThat(options.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.kafkaBootstrap()).contains("broker:9092");
        assertThat(options.redisUrl()).contains("redis://r:6379");
        assertThat(options.appJvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(options.redisClusterNodes()).contains("a:1,b:2");
    }

    @Test
    void blankEnvironmentMeansUnset() {
        RunOptions options = RunCommand.parse(List.of(), Map.of("KAFKA_BOOTSTRAP_SERVERS", " ", "REDIS_URL", ""), HOME, APPS);

        assertThat(options.kafkaBootstrap()).isEmpty();
        assertThat(options.redisUrl()).isEmpty();
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> RunCommand.parse(List.of("--kafka-port", "70000"), Map.of(), HOME, APPS))
                .hasMessageContaining("--kafka-port");
        assertThatThrownBy(() -> RunCommand.parse(List.of("--query-port", "x"), Map.of(), HOME, APPS))
                .hasMessageContaining("--query-port");
        assertThatThrownBy(() -> RunCommand.parse(List.of("--nope", "1"), Map.of(), HOME, APPS))
                .hasMessageContaining("Unknown option").hasMessageContaining("'--nope'");
        assertThatThrownBy(() -> RunCommand.parse(List.of("--data-dir"), Map.of(), HOME, APPS))
                .hasMessageContaining("Missing required parameter for option '--data-dir'");
        assertThatThrownBy(() -> RunCommand.parse(List.of("stray"), Map.of(), HOME, APPS))
                .hasMessageContaining("Unmatched argument").hasMessageContaining("'stray'");
        assertThatThrownBy(() -> RunCommand.parse(List.of("--api-key", " "), Map.of(), HOME, APPS))
                .hasMessageContaining("--api-key");
        assertThatThrownBy(() -> RunCommand.parse(List.of("--timeout", "0"), Map.of(), HOME, APPS))
                .hasMessageContaining("--timeout must be positive");
    }

    @Test
    void theLastOfARepeatedOptionWins() {
        assertThat(RunCommand.parse(List.of("--query-port", "1", "--query-port=2"), Map.of(), HOME, APPS).queryPort())
                .isEqualTo(2);
    }
}
