package io.customerinfo.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./bench [options]}: runs the measurements of issue 8 and prints and writes the table.
 *
 * <p>System properties set by the {@code bench} script: {@code bench.home} (the repository root; results go to
 * {@code <home>/benchmarks/results}) and {@code bench.apps-dir} (the apps' executable jars).
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** @return 0 when every measurement ran, 1 when one failed, 2 for bad options */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        List<String> list = Arrays.asList(args);
        if (list.contains("--help") || list.contains("-h")) {
            out.print(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(list, env, home().resolve("benchmarks").resolve("results"), appsDir());
        } catch (IllegalArgumentException e) {
            out.print(e.getMessage() + "\n" + BenchOptions.USAGE);
            return 2;
        }
        String command = "./bench" + (args.length == 0 ? "" : " " + String.join(" ", args));
        return new BenchRun(options, command, out).run() ? 0 : 1;
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
