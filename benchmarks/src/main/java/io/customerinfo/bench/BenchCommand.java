package io.customerinfo.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./bench [options]}: runs the measurements of issue 8 and prints and writes the table. The options are
 * parsed (by picocli) into a {@link BenchOptions}, which is all {@link BenchRun} reads.
 *
 * <p>System properties set by the {@code bench} script: {@code bench.home} (the repository root; results go to
 * {@code <home>/benchmarks/results}) and {@code bench.apps-dir} (the apps' executable jars).
 */
@Command(name = "bench", sortOptions = false, usageHelpWidth = 100,
        description = "Every measurement of issue 8; prints a table and writes it to --out.",
        footerHeading = "%nEnvironment:%n",
        footer = {"  KAFKA_BOOTSTRAP_SERVERS, REDIS_URL  use those servers instead of starting them",
            "  (Redis is FLUSHALLed between runs: never point it at data you want to keep)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every measurement ran", "1:one failed", "2:bad options"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Option(names = "--smoke",
            description = "a few seconds per measurement, tiny sizes, 1 repetition (what the IT runs)")
    private boolean smoke;

    @Option(names = "--repetitions", paramLabel = "N",
            description = "runs per measurement, the table shows medians (default 5; smoke 1)")
    private Integer repetitions;

    @Option(names = "--only", paramLabel = "N", split = ",",
            description = "run only these measurements, e.g. 1,3,4 (1 to 8; 6 and 7 run with 1, 8 with 1 and 4)")
    private List<Integer> only;

    @Option(names = "--customers", paramLabel = "N",
            description = "#1 customers of the realistic mix (default 100000; smoke 300)")
    private Integer customers;

    @Option(names = "--events", paramLabel = "N", description = "#1 change events pre-loaded (default 1000000; smoke 8000)")
    private Integer events;

    @Option(names = "--warm-up-percent", paramLabel = "N",
            description = "#1/#7 share of those records drained before timing (default 50; smoke 20)")
    private Integer warmUpPercent;

    @Option(names = "--history-orders", paramLabel = "N",
            description = "#2 orders each long-history customer has, at least 10 (default 100000; smoke 2000)")
    private Integer historyOrders;

    @Option(names = "--history-customers", paramLabel = "N", description = "#2 customers per case (default 4; smoke 2)")
    private Integer historyCustomers;

    @Option(names = "--history-new-orders", paramLabel = "N",
            description = "#2 measured orders per customer (default 20000; smoke 3000)")
    private Integer historyNewOrders;

    @Option(names = "--freshness-rate", paramLabel = "N", description = "#3 background events/s (default 5000; smoke 200)")
    private Integer freshnessRate;

    @Option(names = "--freshness-seconds", paramLabel = "N",
            description = "#3 probing seconds per repetition (default 20; smoke 3)")
    private Integer freshnessSeconds;

    @Option(names = "--freshness-warm-up-seconds", paramLabel = "N",
            description = "#3 load before timing (default 60; smoke 1)")
    private Integer freshnessWarmUpSeconds;

    @Option(names = "--query-customers", paramLabel = "N",
            description = "#4/#5 stored customers the requests spread over (default 10000; smoke 200)")
    private Integer queryCustomers;

    @Option(names = "--wrk-seconds", paramLabel = "N",
            description = "#4 wrk seconds per run and target (default 30; smoke 2)")
    private Integer wrkSeconds;

    @Option(names = "--batch-seconds", paramLabel = "N", description = "#5 wrk seconds per run (default 15; smoke 2)")
    private Integer batchSeconds;

    @Option(names = "--query-warm-up-seconds", paramLabel = "N",
            description = "#4/#5 wrk load on the API before timing (default 60; smoke 1)")
    private Integer queryWarmUpSeconds;

    @Option(names = "--query-method", paramLabel = "POST|GET", defaultValue = "POST",
            description = "#4 POST a form body, as the clients do, or GET ?cid= (default ${DEFAULT-VALUE})")
    private BenchOptions.QueryMethod queryMethod;

    @Option(names = "--open-loop-rate", paramLabel = "N",
            description = "#4b requests/s offered, open loop, to the API and to nginx (default 5000; smoke 500)")
    private Integer openLoopRate;

    @Option(names = "--open-loop-seconds", paramLabel = "N",
            description = "#4b seconds per run and target (default 30; smoke 2)")
    private Integer openLoopSeconds;

    @Option(names = "--connections", paramLabel = "N", description = "wrk and #4b connections (default 64; smoke 16)")
    private Integer connections;

    @Option(names = "--out", paramLabel = "FILE",
            description = "where the table goes (default benchmarks/results/bench-<date>.md; smoke smoke-<date>.md)")
    private Path out;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "temp data (broker log, Redis, app logs); default a new temp dir, deleted after")
    private Path workDir;

    @Option(names = "--apps-dir", paramLabel = "DIR",
            description = "projector.jar and query-api.jar (default: the bench.apps-dir property)")
    private Path appsDir;

    @Option(names = "--app-jvm-options", paramLabel = "\"...\"",
            description = "JVM options of the apps (default \"-Xmx1g\": headroom above #8's 512 MiB target; smoke adds C1-only, serial GC)")
    private String appJvmOptions;

    @Option(names = "--jfr", paramLabel = "DIR", description = "record a JFR profile of each app JVM into DIR")
    private Path jfr;

    @Option(names = "--wrk", paramLabel = "PATH", defaultValue = "wrk",
            description = "the load generator (default: ${DEFAULT-VALUE} from PATH)")
    private String wrk;

    @Option(names = "--nginx", paramLabel = "PATH", defaultValue = "nginx",
            description = "the static baseline server (default: ${DEFAULT-VALUE} from PATH)")
    private String nginx;

    private final Map<String, String> env;
    private final Path defaultOutDir;
    private final Path defaultAppsDir;
    private final PrintStream console;

    private BenchCommand(Map<String, String> env, Path defaultOutDir, Path defaultAppsDir, PrintStream console) {
        this.env = env;
        this.defaultOutDir = defaultOutDir;
        this.defaultAppsDir = defaultAppsDir;
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** @return 0 when every measurement ran, 1 when one failed, 2 for bad options (all output goes to {@code out}) */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
        return commandLine(env, home().resolve("benchmarks").resolve("results"), appsDir(), out)
                .setOut(writer).setErr(writer).execute(args);
    }

    static CommandLine commandLine(Map<String, String> env, Path outDir, Path appsDir, PrintStream out) {
        return new CommandLine(new BenchCommand(env, outDir, appsDir, out)).setOverwrittenOptionsAllowed(true);
    }

    /** Parses {@code args} without running anything; a {@link ParameterException} says what is wrong. */
    static BenchOptions parse(List<String> args, Map<String, String> env, Path defaultOutDir, Path defaultAppsDir) {
        CommandLine commandLine = commandLine(env, defaultOutDir, defaultAppsDir, System.out);
        commandLine.parseArgs(args.toArray(String[]::new));
        return commandLine.<BenchCommand>getCommand().options();
    }

    @Override
    public Integer call() {
        BenchOptions options = options();
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        String command = "./bench" + (args.isEmpty() ? "" : " " + String.join(" ", args));
        return new BenchRun(options, command, console).run() ? 0 : 1;
    }

    /** The parsed options over the defaults (full or smoke), checked. */
    BenchOptions options() {
        int historyOrdersValue = positive("--history-orders", historyOrders, 100_000, 2_000);
        if (historyOrdersValue < 10) {
            throw usage("--history-orders must be at least 10 (the short history)");
        }
        int warmUp = positive("--warm-up-percent", warmUpPercent, 50, 20);
        if (warmUp > 90) {
            throw usage("--warm-up-percent must be at most 90 (something has to be timed): " + warmUp);
        }
        List<Integer> measurements = only == null ? List.of() : List.copyOf(only);
        if (measurements.stream().anyMatch(n -> n < 1 || n > 8)) {
            throw usage("--only takes measurement numbers 1 to 8: " + measurements);
        }
        Path outFile = out;
        if (outFile == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
            outFile = defaultOutDir.resolve((smoke ? "smoke-" : "bench-") + stamp + ".md");
        }
        // smoke: C1 only, serial GC: the apps start in a fraction of the CPU time (figures mean nothing anyway)
        String appJvm = appJvmOptions != null ? appJvmOptions
                : smoke ? "-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" : "-Xmx1g";
        return new BenchOptions(smoke,
                positive("--customers", customers, 100_000, 300),
                positive("--events", events, 1_000_000, 8_000),
                warmUp,
                historyOrdersValue,
                positive("--history-customers", historyCustomers, 4, 2),
                positive("--history-new-orders", historyNewOrders, 20_000, 3_000),
                positive("--freshness-rate", freshnessRate, 5_000, 200),
                seconds("--freshness-seconds", freshnessSeconds, 20, 3),
                seconds("--freshness-warm-up-seconds", freshnessWarmUpSeconds, 60, 1),
                positive("--query-customers", queryCustomers, 10_000, 200),
                seconds("--wrk-seconds", wrkSeconds, 30, 2),
                seconds("--batch-seconds", batchSeconds, 15, 2),
                seconds("--query-warm-up-seconds", queryWarmUpSeconds, 60, 1),
                queryMethod,
                positive("--open-loop-rate", openLoopRate, 5_000, 500),
                seconds("--open-loop-seconds", openLoopSeconds, 30, 2),
                positive("--connections", connections, 64, 16),
                positive("--repetitions", repetitions, 5, 1),
                measurements, outFile, workDir, appsDir != null ? appsDir : defaultAppsDir, appJvm,
                Optional.ofNullable(jfr), nonBlank(env.get("KAFKA_BOOTSTRAP_SERVERS")), nonBlank(env.get("REDIS_URL")),
                wrk, nginx);
    }

    /** {@code given}, else the default of this run (full or smoke); at least 1. */
    private int positive(String option, Integer given, int full, int smokeDefault) {
        if (given == null) {
            return smoke ? smokeDefault : full;
        }
        if (given < 1) {
            throw usage(option + " needs a positive whole number: " + given);
        }
        return given;
    }

    private Duration seconds(String option, Integer given, int full, int smokeDefault) {
        return Duration.ofSeconds(positive(option, given, full, smokeDefault));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static Path home() {
        String home = System.getProperty("bench.home");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    private static Path appsDir() {
        String dir = System.getProperty("bench.apps-dir");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        Path classPath = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
        return classPath.toAbsolutePath().getParent().resolve("apps");
    }
}
