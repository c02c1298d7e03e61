package io.customerinfo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the measurements in an order that lets them share work: #1 (with #6 and the projector's #8) leaves its
 * projection in Redis for #4 and #5 (with the query API's #8); then #2 and #3, which start from an empty Redis.
 * A measurement that fails is marked FAILED in the table and the others still run.
 */
final class BenchRun {

    private final BenchOptions options;
    private final String commandLine;
    private final PrintStream out;
    private final Measurement throughput = new Measurement("1", "projection throughput, projector / raw baseline", "records/s")
            .target(">= 50,000/s and >= 0.5 x baseline", v -> v >= 50_000, r -> r >= 0.5);
    private final Measurement history = new Measurement("2", "new order events/s, customers with long history / with 10 orders", "events/s")
            .target("ratio >= 0.5", null, r -> r >= 0.5);
    private final Measurement freshP50 = new Measurement("3", "freshness p50, produce -> visible in the API", "ms");
    private final Measurement freshP99 = new Measurement("3", "freshness p99, produce -> visible in the API", "ms")
            .target("<= 100 ms", v -> v <= 100, null);
    private final Measurement announcementLag = new Measurement("4c", "announcement lag p99, projector commit -> near cache eviction (during #3)", "ms")
            .target("<= 10 ms", v -> v <= 10, null);
    private final Measurement queryRps = new Measurement("4", "query API requests/s / nginx static golden", "req/s")
            .target(">= 0.6 x nginx", null, r -> r >= 0.6);
    private final Measurement queryP99 = new Measurement("4", "query API p99 latency (wrk)", "ms")
            .target("<= 5 ms", v -> v <= 5, null);
    private final Measurement queryOpenLoop = new Measurement("4b", "query API p99 at a fixed offered rate, open loop / nginx p99 at that rate", "ms")
            .target("<= 5 ms and <= 2 x nginx", v -> v <= 5, r -> r <= 2);
    private final Measurement batch = new Measurement("5", "batch_info, 100 cids/request: documents/s / #4 req/s", "docs/s");
    private final Measurement memory = new Measurement("6", "Redis bytes per customer / stored document bytes", "B")
            .target("<= 3 x", null, r -> r <= 3);
    private final Measurement rebuild = new Measurement("7", "rebuild rate / #1 projection rate", "records/s")
            .target(">= 0.8 x #1", null, r -> r >= 0.8);
    private final Measurement projectorHeap = new Measurement("8", "projector live heap after #1 (full GC)", "MiB")
            .target("<= 512 MiB", v -> v <= HeapTarget.TARGET_MIB, null);
    private final Measurement queryHeap = new Measurement("8", "query API live heap after #4 (full GC)", "MiB")
            .target("<= 512 MiB", v -> v <= HeapTarget.TARGET_MIB, null);

    BenchRun(BenchOptions options, String commandLine, PrintStream out) {
        this.options = options;
        this.commandLine = commandLine;
        this.out = out;
    }

    /** @return true when every measurement that was asked for ran (targets may still be missed) */
    boolean run() {
        ZonedDateTime began = ZonedDateTime.now();
        Path workDir = workDir();
        // before the first logger: the broker's and the clients' logs go to a file beside the table
        System.setProperty("bench.log-file", logFile().toString());
        out.println("logs: " + logFile() + ", work dir: " + workDir);
        boolean ok = true;
        try (Cleanup cleanup = new Cleanup(out)) {
            if (options.workDir() == null) {
                cleanup.deleteOnClose(workDir);
            }
            options.jfrDir().ifPresent(dir -> createDirectories(dir));
            BenchServers servers = BenchServers.start(options, workDir, cleanup, out);
            BenchContext ctx = new BenchContext(options, servers, new AppLauncher(options, servers,
                    workDir.resolve("logs"), cleanup), cleanup, workDir, out);
            if (options.runs(3) || options.runs(4) || options.runs(5) || options.runs(8)) {
                ctx.startQueryApi();
            }
            ok &= step(1, () -> ProjectionThroughput.run(ctx, throughput, memory, projectorHeap, rebuild), throughput, memory,
                projectorHeap, rebuild);
            write(report(began)); // after each step, so that an interrupted run leaves what it measured
            ok &= step(4, () -> QueryLoad.run(ctx, queryRps, queryP99, queryOpenLoop, batch, queryHeap), queryRps, queryP99,
                    queryOpenLoop, batch, queryHeap);
            write(report(began));
            ok &= step(2, () -> HistoryCost.run(ctx, history), history);
            write(report(began));
            ok &= step(3, () -> Freshness.run(ctx, freshP50, freshP99, announcementLag), freshP50, freshP99, announcementLag);
        } catch (RuntimeException e) {
            out.println("the benchmark could not start its servers: " + e);
            ok = false;
        }
        String report = report(began);
        out.println();
        out.print(report);
        write(report);
        out.println("written to " + options.outFile().toAbsolutePath());
        return ok;
    }

    private boolean step(int number, Runnable measurement, Measurement... rows) {
        boolean wanted = options.runs(number) || (number == 1 && (options.runs(6) || options.runs(7) || options.runs(8)))
                || (number == 4 && (options.runs(5) || options.runs(8)));
        if (!wanted) {
            for (Measurement m : rows) {
                m.skip("not asked for (--only)");
            }
            return true;
        }
        try {
            measurement.run();
            return true;
        } catch (RuntimeException e) {
            out.println("#" + number + " failed: " + e);
            e.printStackTrace(out);
            for (Measurement m : rows) {
                m.fail(e);
            }
            return false;
        }
    }

    private String report(ZonedDateTime began) {
        List<Measurement> rows = List.of(throughput, history, freshP50, freshP99, announcementLag, queryRps, queryP99, queryOpenLoop, batch, memory,
                rebuild, projectorHeap, queryHeap);
        StringBuilder sb = new StringBuilder();
        sb.append("# customer-info benchmark").append(options.smoke() ? " (smoke: tiny sizes, figures mean nothing)" : "")
                .append("\n\n");
        sb.append("- date: ").append(began.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" to ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME)).append('\n');
        sb.append("- command: `").append(commandLine).append("`\n");
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(MachineInfo.cpuModel()).append("), ").append(MachineInfo.memory()).append(", Java ")
                .append(System.getProperty("java.version")).append('\n');
        sb.append("- repetitions: ").append(options.repetitions()).append(" (figures are medians; ratios are medians of per-run ratios to the baseline measured in the same run)\n\n");
        sb.append("| # | measurement | median | baseline (median) | ratio | target | verdict | runs |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Measurement m : rows) {
            sb.append(m.row()).append('\n');
        }
        sb.append('\n');
        java.util.Set<String> noted = new java.util.HashSet<>();
        for (Measurement m : rows) {
            if (m.note() != null && noted.add(m.id() + m.note())) {
                sb.append("- #").append(m.id()).append(": ").append(m.note()).append('\n');
            }
        }
        return sb.toString();
    }

    private void write(String report) {
        try {
            Path file = options.outFile().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
        } catch (IOException e) {
            out.println("cannot write " + options.outFile() + ": " + e);
        }
    }

    private Path logFile() {
        Path out = options.outFile().toAbsolutePath();
        return out.resolveSibling(out.getFileName().toString().replaceFirst("\\.md$", "") + ".log");
    }

    private Path workDir() {
        try {
            return options.workDir() != null ? Files.createDirectories(options.workDir()).toAbsolutePath()
                    : Files.createTempDirectory("bench-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work dir", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
