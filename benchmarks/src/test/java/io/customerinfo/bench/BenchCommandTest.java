package io.customerinfo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The {@code ./bench} command line: its defaults, its generated help, its usage errors. Nothing is measured. */
class BenchCommandTest {

    private static final List<String> OPTIONS = List.of("-h", "--help", "--smoke", "--repetitions", "--only",
            "--customers", "--events", "--warm-up-percent", "--history-orders", "--history-customers",
            "--history-new-orders", "--freshness-rate", "--freshness-seconds", "--freshness-warm-up-seconds",
            "--query-customers", "--wrk-seconds", "--batch-seconds", "--query-warm-up-seconds", "--query-method",
            "--open-loop-rate", "--open-loop-seconds",
            "--connections", "--out", "--work-dir", "--apps-dir", "--app-jvm-options", "--jfr", "--wrk", "--nginx");

    /** An option whose default shrinks with {@code --smoke}: its value in the record, full and smoke. */
    private record Sized(String option, Function<BenchOptions, Object> value, Object full, Object smoke) {}

    private static final List<Sized> SIZED = List.of(
            new Sized("--repetitions", BenchOptions::repetitions, 5, 1),
            new Sized("--customers", BenchOptions::customers, 100_000, 300),
            new Sized("--events", BenchOptions::events, 1_000_000, 8_000),
            new Sized("--warm-up-percent", BenchOptions::warmUpPercent, 50, 20),
            new Sized("--history-orders", BenchOptions::historyOrders, 100_000, 2_000),
            new Sized("--history-customers", BenchOptions::historyCustomers, 4, 2),
            new Sized("--history-new-orders", BenchOptions::historyNewOrders, 20_000, 3_000),
            new Sized("--freshness-rate", BenchOptions::freshnessRate, 5_000, 200),
            new Sized("--freshness-seconds", o -> o.freshnessDuration().toSeconds(), 20L, 3L),
            new Sized("--freshness-warm-up-seconds", o -> o.freshnessWarmUp().toSeconds(), 60L, 1L),
            new Sized("--query-customers", BenchOptions::queryCustomers, 10_000, 200),
            new Sized("--wrk-seconds", o -> o.wrkDuration().toSeconds(), 30L, 2L),
            new Sized("--batch-seconds", o -> o.batchDuration().toSeconds(), 15L, 2L),
            new Sized("--query-warm-up-seconds", o -> o.queryWarmUp().toSeconds(), 60L, 1L),
            new Sized("--open-loop-rate", BenchOptions::openLoopRate, 5_000, 500),
            new Sized("--open-loop-seconds", o -> o.openLoopDuration().toSeconds(), 30L, 2L),
            new Sized("--connections", BenchOptions::connections, 64, 16));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int bench(String... args) {
        out.reset();
        return BenchCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static BenchOptions parse(String... args) {
        return BenchCommand.parse(List.of(args), Map.of(), Path.of("results"), Path.of("apps"));
    }

    @Test
    void eachDefaultIsTheSizeOfIssue8OrTheSmokeSize() {
        BenchOptions full = parse();
        BenchOptions smoke = parse("--smoke");
        for (Sized sized : SIZED) {
            assertThat(sized.value().apply(full)).as(sized.option()).isEqualTo(sized.full());
            assertThat(sized.value().apply(smoke)).as(sized.option() + " --smoke").isEqualTo(sized.smoke());
        }
        assertThat(full.smoke()).isFalse();
        assertThat(smoke.smoke()).isTrue();
        assertThat(full.only()).isEmpty();
        assertThat(full.runs(1) && full.runs(8)).isTrue();
        assertThat(full.queryMethod()).isEqualTo(BenchOptions.QueryMethod.POST);
        assertThat(full.outFile().toString()).matches("results/bench-\\d{4}-\\d\\d-\\d\\d-\\d{4}\\.md");
        assertThat(smoke.outFile().toString()).matches("results/smoke-\\d{4}-\\d\\d-\\d\\d-\\d{4}\\.md");
        assertThat(full.workDir()).isNull();
        assertThat(full.appsDir()).isEqualTo(Path.of("apps"));
        assertThat(full.appJvmOptionList()).containsExactly("-Xmx1g");
        assertThat(smoke.appJvmOptionList()).containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(full.jfrDir()).isEmpty();
        assertThat(full.kafkaBootstrap()).isEmpty();
        assertThat(full.redisUrl()).isEmpty();
        assertThat(full.wrk()).isEqualTo("wrk");
        assertThat(full.nginx()).isEqualTo("nginx");
    }

    @Test
    void everyOptionOverridesItsDefault() {
        BenchOptions o = BenchCommand.parse(List.of("--smoke", "--only", "1,4", "--customers", "7", "--wrk-seconds=9",
                "--query-method", "GET", "--out", "t.md", "--work-dir", "w", "--apps-dir", "a",
                "--app-jvm-options", "-Xmx1g -XX:+UseZGC", "--jfr", "j", "--wrk", "/opt/wrk", "--nginx", "/opt/nginx"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", " k:9092 ", "REDIS_URL", "redis://r:6379"),
                Path.of("results"), Path.of("apps"));

        assertThat(o.only()).containsExactly(1, 4);
        assertThat(o.runs(4)).isTrue();
        assertThat(o.runs(2)).isFalse();
        assertThat(o.customers()).isEqualTo(7);
        assertThat(o.wrkDuration()).isEqualTo(Duration.ofSeconds(9));
        assertThat(o.queryMethod()).isEqualTo(BenchOptions.QueryMethod.GET);
        assertThat(o.outFile()).isEqualTo(Path.of("t.md"));
        assertThat(o.workDir()).isEqualTo(Path.of("w"));
        assertThat(o.appsDir()).isEqualTo(Path.of("a"));
        assertThat(o.appJvmOptionList()).containsExactly("-Xmx1g", "-XX:+UseZGC");
        assertThat(o.jfrDir()).contains(Path.of("j"));
        assertThat(o.wrk()).isEqualTo("/opt/wrk");
        assertThat(o.nginx()).isEqualTo("/opt/nginx");
        assertThat(o.kafkaBootstrap()).contains("k:9092");
        assertThat(o.redisUrl()).contains("redis://r:6379");
    }

    @Test
    void helpListsEveryOptionWithItsDefaults() {
        assertThat(bench("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: bench");
        assertThat(BenchCommand.commandLine(Map.of(), Path.of("results"), Path.of("apps"), System.out).getCommandSpec().optionsMap().keySet())
                .containsExactlyInAnyOrderElementsOf(OPTIONS);
        assertThat(help).contains(OPTIONS);
        for (Sized sized : SIZED) {
            assertThat(help).as(sized.option()).containsPattern(
                    "(?s)" + sized.option() + "=N\\b(?:(?!\\n +--).)*?\\(default\\s+" + sized.full() + ";\\s+smoke\\s+" + sized.smoke() + "\\)");
        }
        assertThat(help).contains("(default POST)", "KAFKA_BOOTSTRAP_SERVERS", "FLUSHALL", "2   bad options");
        assertThat(bench("-h")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(help);
    }

    @Test
    void badOptionsExitWithTwoAndNameTheOption() {
        assertThat(bench("--colour", "red")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Unknown option", "'--colour'");
        assertThat(bench("--events", "many")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("'--events'", "'many'");
        assertThat(bench("--connections", "0")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--connections needs a positive whole number: 0");
        assertThat(bench("--only", "1,9")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--only takes measurement numbers 1 to 8");
        assertThat(bench("--only", "one")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("'--only'", "'one'");
        assertThat(bench("--history-orders", "5")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--history-orders must be at least 10");
        assertThat(bench("--out")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Missing required parameter for option '--out'");
    }
}
