package io.customerinfo.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./stack rebuild}: its options, parsed (by picocli) into a {@link RebuildOptions} that
 * {@link ProjectorAdmin} carries out against the projector's admin endpoint.
 */
@Command(name = "rebuild", sortOptions = false, usageHelpWidth = 100,
        description = "Replay the topics into a new generation and switch to it; reads never stop.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:failed or cancelled", "2:usage", "3:another rebuild is running"})
final class RebuildCommand implements Callable<Integer> {

    /** The admin key {@code ./stack run} gives the projector unless {@code PROJECTOR_ADMIN_KEY} is set. */
    static final String LOCAL_ADMIN_KEY = "local-admin-key";
    static final String DEFAULT_PROJECTOR_URL = "http://localhost:8081";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Option(names = "--projector", paramLabel = "URL",
            description = "the projector (default $PROJECTOR_URL, else " + DEFAULT_PROJECTOR_URL + ")")
    private String projector;

    @Option(names = "--key", paramLabel = "KEY",
            description = "admin key (default $PROJECTOR_ADMIN_KEY, else the local stack's key)")
    private String key;

    /** At most one of these; none: start a rebuild. */
    @ArgGroup(exclusive = true)
    private Other other;

    private static final class Other {
        @Option(names = "--status", description = "show the current or last rebuild and exit")
        private boolean status;

        @Option(names = "--cancel", description = "cancel the running rebuild (what it wrote is deleted)")
        private boolean cancel;

        @Option(names = "--customer", paramLabel = "CID",
                description = "re-render one customer's document from its stored state (no replay)")
        private String customer;
    }

    @Option(names = "--no-wait", description = "start the rebuild and exit without following it")
    private boolean noWait;

    private final Map<String, String> env;
    private final PrintStream out;
    private final boolean terminal;

    /**
     * @param env      the process environment (a test passes its own)
     * @param out      where the progress and the answers go
     * @param terminal whether {@code out} is a terminal (a progress bar) or not (a line every few seconds)
     */
    RebuildCommand(Map<String, String> env, PrintStream out, boolean terminal) {
        this.env = env;
        this.out = out;
        this.terminal = terminal;
    }

    static String adminKey(Map<String, String> env) {
        String key = env.get("PROJECTOR_ADMIN_KEY");
        return key == null || key.isBlank() ? LOCAL_ADMIN_KEY : key;
    }

    /** Parses and runs {@code ./stack rebuild}; returns its exit status. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        return commandLine(env, out, terminal)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args.toArray(String[]::new));
    }

    static CommandLine commandLine(Map<String, String> env, PrintStream out, boolean terminal) {
        return new CommandLine(new RebuildCommand(env, out, terminal)).setOverwrittenOptionsAllowed(true);
    }

    /** Parses {@code args} without running anything; a {@link ParameterException} says what is wrong. */
    static RebuildOptions parse(List<String> args, Map<String, String> env) {
        RebuildCommand command = new RebuildCommand(env, System.out, false);
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(args.toArray(String[]::new));
        return command.options();
    }

    RebuildOptions options() {
        String url = projector != null ? projector : env.getOrDefault("PROJECTOR_URL", DEFAULT_PROJECTOR_URL);
        String adminKey = key != null ? key : adminKey(env);
        RebuildOptions.Action action = other == null ? RebuildOptions.Action.START
                : other.status ? RebuildOptions.Action.STATUS
                : other.cancel ? RebuildOptions.Action.CANCEL
                : RebuildOptions.Action.RENDER;
        return new RebuildOptions(url, adminKey, action, other == null ? null : other.customer, !noWait);
    }

    @Override
    public Integer call() {
        RebuildOptions options = options();
        try {
            return new ProjectorAdmin(options.projector(), options.key(), out, terminal).perform(options);
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot reach the projector at " + options.projector() + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
