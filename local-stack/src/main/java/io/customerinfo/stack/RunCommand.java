package io.customerinfo.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code ./stack run}: its options, parsed (by picocli) into a {@link RunOptions}; then it starts the
 * {@link LocalStack} and blocks until Ctrl-C or SIGTERM. Exit status 1 when the stack does not come up.
 */
@Command(name = "run", sortOptions = false, usageHelpWidth = 100,
        description = "Kafka, Redis, projector and query API on this machine, with the contract's sample customer"
                + " (Ctrl-C stops).",
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  KAFKA_BOOTSTRAP_SERVERS  use this Kafka, start none",
            "  REDIS_URL                use this Redis when it answers PING, start none",
            "  REDIS_CLUSTER_NODES      use this Redis Cluster (host:port,...), start no Redis",
            "  STACK_APP_JAVA_OPTS      JVM options of the projector and the query API"})
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Kafka log, Redis AOF and logs (default ./.local)")
    private Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_KAFKA_PORT,
            description = "in-process broker port (default ${DEFAULT-VALUE}; 0 = any free port)")
    private int kafkaPort;

    @Option(names = "--redis-port", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_REDIS_PORT,
            description = "redis-server port (default ${DEFAULT-VALUE}, or the next free one; 0 = any free port)")
    private int redisPort;

    @Option(names = "--query-port", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_QUERY_PORT,
            description = "query API port (default ${DEFAULT-VALUE}; 0 = any free port)")
    private int queryPort;

    @Option(names = "--projector-port", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_PROJECTOR_PORT,
            description = "projector actuator port (default ${DEFAULT-VALUE}; 0 = any free port)")
    private int projectorPort;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = RunOptions.DEFAULT_API_KEY,
            description = "demo API key (default ${DEFAULT-VALUE})")
    private String apiKey;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + RunOptions.DEFAULT_TIMEOUT_SECONDS,
            description = "wait for the apps and the sample document (default ${DEFAULT-VALUE})")
    private long timeoutSeconds;

    private final Map<String, String> env;
    private final Path defaultDataDir;
    private final Path appsDir;

    /**
     * @param env the process environment (a test passes its own)
     * @param defaultDataDir the data dir when {@code --data-dir} is absent
     * @param appsDir where the app jars are
     */
    RunCommand(Map<String, String> env, Path defaultDataDir, Path appsDir) {
        this.env = env;
        this.defaultDataDir = defaultDataDir;
        this.appsDir = appsDir;
    }

    /** Parses {@code run}'s options without running anything; a {@link ParameterException} says what is wrong. */
    static RunOptions parse(List<String> args, Map<String, String> env, Path defaultDataDir, Path appsDir) {
        RunCommand command = new RunCommand(env, defaultDataDir, appsDir);
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(args.toArray(String[]::new));
        return command.options();
    }

    /** The parsed options and the environment, checked. */
    RunOptions options() {
        port("--kafka-port", kafkaPort);
        port("--redis-port", redisPort);
        port("--query-port", queryPort);
        port("--projector-port", projectorPort);
        if (apiKey.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--api-key must not be empty");
        }
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive, was " + timeoutSeconds);
        }
        List<String> appJvmOptions = nonBlank(env.get("STACK_APP_JAVA_OPTS"))
                .map(opts -> List.of(opts.split("\\s+"))).orElse(List.of());
        return new RunOptions(dataDir == null ? defaultDataDir : dataDir, kafkaPort, redisPort, queryPort,
                projectorPort, apiKey, nonBlank(env.get("KAFKA_BOOTSTRAP_SERVERS")), nonBlank(env.get("REDIS_URL")),
                nonBlank(env.get("REDIS_CLUSTER_NODES")), Duration.ofSeconds(timeoutSeconds), appJvmOptions, appsDir);
    }

    private void port(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), option + " must be a port 0..65535, was " + port);
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public Integer call() {
        RunOptions options = options();
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
            return 1;
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
        return 0;
    }
}
