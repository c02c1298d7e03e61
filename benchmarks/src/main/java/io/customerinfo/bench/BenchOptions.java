package io.customerinfo.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to measure and how big. Defaults are the sizes of issue 8; {@code --smoke} shrinks everything to a run of
 * a few seconds per measurement with one repetition.
 *
 * @param customers          #1: customers of the realistic mix pre-loaded into Kafka
 * @param events             #1: change events of that mix
 * @param warmUpPercent      #1/#7: share of the pre-loaded records drained before timing starts (the projector JVM
 *                           starts cold; its JIT compiles for tens of seconds on 2 cores, and a deployed projector
 *                           runs warm)
 * @param historyOrders      #2: orders every "long history" customer already has
 * @param historyCustomers   #2: customers per case (long and short history)
 * @param historyNewOrders   #2: orders per customer that are measured
 * @param freshnessRate      #3: steady background events/s
 * @param freshnessDuration  #3: probing time per repetition
 * @param freshnessWarmUp    #3: background load (and probes, not counted) before the first timed repetition: the
 *                           projector JVM starts cold and drains well below its warm rate for tens of seconds
 * @param queryCustomers     #4/#5: stored customers the requests are spread over
 * @param wrkDuration        #4: wrk time per repetition and target (the API and nginx)
 * @param batchDuration      #5: wrk time per repetition
 * @param queryWarmUp        #4/#5: wrk load on the API before the first timed run (its JIT settles only after
 *                           about a minute of load on 2 cores)
 * @param queryMethod        #4: how wrk asks for one customer: {@code POST} with a form body (what the app and the DMS
 *                           send the legacy endpoint) or {@code GET} with the cid in the query string
 * @param connections        wrk connections
 * @param repetitions        runs per measurement; the table shows medians
 * @param only               measurement numbers to run (empty: all)
 */
record BenchOptions(
        boolean smoke,
        int customers,
        int events,
        int warmUpPercent,
        int historyOrders,
        int historyCustomers,
        int historyNewOrders,
        int freshnessRate,
        Duration freshnessDuration,
        Duration freshnessWarmUp,
        int queryCustomers,
        Duration wrkDuration,
        Duration batchDuration,
        Duration queryWarmUp,
        QueryMethod queryMethod,
        int connections,
        int repetitions,
        List<Integer> only,
        Path outFile,
        Path workDir,
        Path appsDir,
        String appJvmOptions,
        Optional<Path> jfrDir,
        Optional<String> kafkaBootstrap,
        Optional<String> redisUrl,
        String wrk,
        String nginx) {

    static final String USAGE = """
            usage: bench [options]       every measurement of issue 8; prints a table and writes it to --out
              --smoke                    a few seconds per measurement, tiny sizes, 1 repetition (what the IT runs)
              --repetitions N            runs per measurement, the table shows medians (default 5; smoke 1)
              --only 1,3,4               run only these measurements (1 to 8; 6 and 7 run with 1, 8 with 1 and 4)
              --customers N              #1 customers of the realistic mix (default 100000)
              --events N                 #1 change events pre-loaded (default 1000000)
              --warm-up-percent N        #1/#7 share of those records drained before timing (default 50; smoke 20)
              --history-orders N         #2 orders each long-history customer has (default 100000)
              --history-customers N      #2 customers per case (default 4)
              --history-new-orders N     #2 measured orders per customer (default 20000)
              --freshness-rate N         #3 background events/s (default 5000)
              --freshness-seconds N      #3 probing seconds per repetition (default 20)
              --freshness-warm-up-seconds N  #3 load before timing (default 60; smoke 1)
              --query-customers N        #4/#5 stored customers the requests spread over (default 10000)
              --wrk-seconds N            #4 wrk seconds per run and target (default 30)
              --batch-seconds N          #5 wrk seconds per run (default 15)
              --query-warm-up-seconds N  #4/#5 wrk load on the API before timing (default 60; smoke 1)
              --query-method POST|GET    #4 POST with a form body, as the clients send, or GET ?cid= (default POST)
              --connections N            wrk connections (default 64)
              --out FILE                 where the table goes (default benchmarks/results/bench-<date>.md)
              --work-dir DIR             temp data (broker log, Redis, app logs); default a new temp dir, deleted after
              --apps-dir DIR             projector.jar and query-api.jar (default: bench.apps-dir, set by ./bench)
              --app-jvm-options "..."    JVM options of the apps (default "-Xmx512m"; smoke adds C1-only, serial GC)
              --jfr DIR                  record a JFR profile of each app JVM into DIR
              --wrk PATH, --nginx PATH   the load generator and the static baseline server (default: from PATH)
            environment: KAFKA_BOOTSTRAP_SERVERS / REDIS_URL use those servers instead of starting them
            (Redis is FLUSHALLed between runs: never point it at data you want to keep).
            """;

    static BenchOptions parse(List<String> args, Map<String, String> env, Path defaultOutDir, Path defaultAppsDir) {
        boolean smoke = args.contains("--smoke");
        int customers = smoke ? 300 : 100_000;
        int events = smoke ? 8_000 : 1_000_000;
        int warmUpPercent = smoke ? 20 : 50;
        int historyOrders = smoke ? 2_000 : 100_000;
        int historyCustomers = smoke ? 2 : 4;
        int historyNewOrders = smoke ? 3_000 : 20_000;
        int freshnessRate = smoke ? 200 : 5_000;
        int freshnessSeconds = smoke ? 3 : 20;
        int freshnessWarmUpSeconds = smoke ? 1 : 60;
        int queryCustomers = smoke ? 200 : 10_000;
        int wrkSeconds = smoke ? 2 : 30;
        int batchSeconds = smoke ? 2 : 15;
        int queryWarmUpSeconds = smoke ? 1 : 60;
        QueryMethod queryMethod = QueryMethod.POST;
        int connections = smoke ? 16 : 64;
        int repetitions = smoke ? 1 : 5;
        List<Integer> only = List.of();
        Path out = null;
        Path workDir = null;
        Path appsDir = defaultAppsDir;
        // smoke: C1 only, serial GC: the apps start in a fraction of the CPU time (figures mean nothing anyway)
        String appJvm = smoke ? "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" : "-Xmx512m";
        Path jfr = null;
        String wrk = "wrk";
        String nginx = "nginx";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--smoke")) {
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + a);
            }
            String v = args.get(++i);
            switch (a) {
                case "--repetitions" -> repetitions = positive(a, v);
                case "--only" -> only = parseOnly(v);
                case "--customers" -> customers = positive(a, v);
                case "--events" -> events = positive(a, v);
                case "--warm-up-percent" -> warmUpPercent = percent(a, v);
                case "--history-orders" -> historyOrders = positive(a, v);
                case "--history-customers" -> historyCustomers = positive(a, v);
                case "--history-new-orders" -> historyNewOrders = positive(a, v);
                case "--freshness-rate" -> freshnessRate = positive(a, v);
                case "--freshness-seconds" -> freshnessSeconds = positive(a, v);
                case "--freshness-warm-up-seconds" -> freshnessWarmUpSeconds = positive(a, v);
                case "--query-customers" -> queryCustomers = positive(a, v);
                case "--wrk-seconds" -> wrkSeconds = positive(a, v);
                case "--batch-seconds" -> batchSeconds = positive(a, v);
                case "--query-warm-up-seconds" -> queryWarmUpSeconds = positive(a, v);
                case "--query-method" -> queryMethod = method(a, v);
                case "--connections" -> connections = positive(a, v);
                case "--out" -> out = Path.of(v);
                case "--work-dir" -> workDir = Path.of(v);
                case "--apps-dir" -> appsDir = Path.of(v);
                case "--app-jvm-options" -> appJvm = v;
                case "--jfr" -> jfr = Path.of(v);
                case "--wrk" -> wrk = v;
                case "--nginx" -> nginx = v;
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        if (historyOrders < 10) {
            throw new IllegalArgumentException("--history-orders must be at least 10 (the short history)");
        }
        if (out == null) {
            String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
            out = defaultOutDir.resolve((smoke ? "smoke-" : "bench-") + stamp + ".md");
        }
        return new BenchOptions(smoke, customers, events, warmUpPercent, historyOrders, historyCustomers, historyNewOrders,
                freshnessRate, Duration.ofSeconds(freshnessSeconds), Duration.ofSeconds(freshnessWarmUpSeconds), queryCustomers, Duration.ofSeconds(wrkSeconds),
                Duration.ofSeconds(batchSeconds), Duration.ofSeconds(queryWarmUpSeconds), queryMethod, connections, repetitions, only, out, workDir, appsDir, appJvm,
                Optional.ofNullable(jfr), nonBlank(env.get("KAFKA_BOOTSTRAP_SERVERS")), nonBlank(env.get("REDIS_URL")),
                wrk, nginx);
    }

    /** How #4 asks for one customer. */
    enum QueryMethod {
        /** A form body {@code cid=...}, as the app and the DMS call the legacy endpoint. */
        POST,
        /** {@code ?cid=...} in the query string. */
        GET
    }

    private static QueryMethod method(String option, String value) {
        try {
            return QueryMethod.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be POST or GET: " + value);
        }
    }

    boolean runs(int measurement) {
        return only.isEmpty() || only.contains(measurement);
    }

    List<String> appJvmOptionList() {
        List<String> list = new ArrayList<>();
        for (String part : appJvmOptions.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                list.add(part);
            }
        }
        return list;
    }

    private static List<Integer> parseOnly(String v) {
        List<Integer> list = new ArrayList<>();
        for (String part : v.split(",")) {
            int n = Integer.parseInt(part.trim());
            if (n < 1 || n > 8) {
                throw new IllegalArgumentException("--only takes measurement numbers 1 to 8: " + v);
            }
            list.add(n);
        }
        return List.copyOf(list);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a positive whole number: " + value);
        }
    }

    private static int percent(String option, String value) {
        int n = positive(option, value);
        if (n > 90) {
            throw new IllegalArgumentException(option + " must be at most 90 (something has to be timed): " + value);
        }
        return n;
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
