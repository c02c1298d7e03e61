package io.customerinfo.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.customerinfo.simulator.SimulatorCommand;
import sun.misc.Signal;

/**
 * {@code ./stack <command>}: {@code run} starts the local stack and blocks until Ctrl-C; {@code simulate}
 * hands its arguments to the simulator.
 *
 * <p>System properties set by the {@code stack} script: {@code stack.home} (the repository root; the default
 * data dir is {@code <stack.home>/.local}) and {@code stack.apps-dir} (the apps' executable jars).
 */
public final class StackCommand {

    private static final String USAGE = """
            usage: stack run [options]        Kafka, Redis, projector and query API on this machine (Ctrl-C stops)
                   stack simulate [options]   publish or write a generated CRM change stream (stack simulate --help)
                   stack rebuild [options]    rebuild every document into a new generation (stack rebuild --help)
            """;

    private StackCommand() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
            System.out.print(USAGE + "\n" + RunOptions.USAGE);
            return;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "run" -> run(rest);
            case "simulate" -> simulate(rest);
            case "rebuild" -> System.exit(RebuildCommand.run(rest, System.getenv(), System.out, System.err,
                    System.console() != null));
            default -> {
                System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static void run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(RunOptions.USAGE);
            return;
        }
        RunOptions options;
        try {
            options = RunOptions.parse(args, System.getenv(), home().resolve(".local"), appsDir());
        } catch (IllegalArgumentException e) {
            System.err.print(e.getMessage() + "\n" + RunOptions.USAGE);
            System.exit(2);
            return;
        }
        // before the first logger: the broker's and the clients' logs go to a file, not the terminal
        System.setProperty("stack.log-file", options.logDir().resolve("stack.log").toString());
        PrintStream out = System.out;
        long began = System.nanoTime();
        out.println("data dir: " + options.dataDir());
        LocalStack stack;
        try {
            stack = LocalStack.start(options, out);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("stack run failed: " + e);
            System.err.println("logs: " + options.logDir());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            out.println("stopping: apps, then Kafka, then Redis ...");
            stack.close();
            out.println("stopped; data kept in " + options.dataDir());
            stopped.countDown();
        };
        // Ctrl-C and SIGTERM stop the stack in order *before* the JVM's shutdown starts: shutdown hooks run
        // concurrently (the embedded RedisServer's own hook would kill redis-server while the apps still write).
        // The hook below covers any other way out of the JVM.
        AtomicBoolean stopRequested = new AtomicBoolean();
        for (String signal : List.of("INT", "TERM")) {
            Signal.handle(new Signal(signal), s -> {
                if (stopRequested.compareAndSet(false, true)) {
                    new Thread(() -> {
                        stop.run();
                        System.exit(0);
                    }, "stack-stop").start();
                } else {
                    out.println("still stopping ...");
                }
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-close"));
        out.println();
        out.printf("Up in %.1f s. Data dir %s%n", (System.nanoTime() - began) / 1e9, options.dataDir());
        out.println("  kafka      " + stack.kafkaBootstrap());
        out.println("  redis      " + stack.redis());
        out.println("  query API  " + stack.queryUrl() + "   (API key: " + options.apiKey() + ")");
        out.println("  projector  http://localhost:" + stack.projectorPort() + "/actuator/health");
        out.println("  logs       " + options.logDir());
        out.println();
        out.println("The contract's customer " + LocalStack.SAMPLE_CUSTOMER + ":");
        out.println("  " + stack.curl());
        out.println();
        out.println("Ctrl-C stops everything (the data stays for the next run).");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void simulate(List<String> args) {
        System.setProperty("stack.log-file", home().resolve(".local/logs/simulate.log").toString());
        System.exit(SimulatorCommand.run(args.toArray(String[]::new), System.getenv(), System.out, System.err));
    }

    private static Path home() {
        String home = System.getProperty("stack.home");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** {@code stack.apps-dir}, else {@code apps/} beside the jar this runs from. */
    private static Path appsDir() {
        String dir = System.getProperty("stack.apps-dir");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        Path classPath = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
        return classPath.toAbsolutePath().getParent().resolve("apps");
    }
}
