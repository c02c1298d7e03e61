package io.customerinfo.stack;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.customerinfo.simulator.SimulatorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code ./stack <command>}: {@code run} starts the local stack and blocks until Ctrl-C ({@link RunCommand});
 * {@code simulate} is the simulator's command ({@link SimulatorCommand}); {@code rebuild} drives the projector's
 * rebuild ({@link RebuildCommand}). Without a command, or with {@code help}, it prints its usage.
 *
 * <p>System properties set by the {@code stack} script: {@code stack.home} (the repository root; the default
 * data dir is {@code <stack.home>/.local}) and {@code stack.apps-dir} (the apps' executable jars).
 */
@Command(name = "stack", usageHelpWidth = 100, description = "The read model on this machine: run it, feed it, rebuild it.",
        commandListHeading = "%nCommands:%n",
        footer = "%n./stack <command> --help lists the command's options.")
public final class StackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    private StackCommand() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), System.out, System.err, System.console() != null).execute(args));
    }

    static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        CommandLine stack = new CommandLine(new StackCommand())
                .addSubcommand(new CommandLine(new RunCommand(env, home().resolve(".local"), appsDir()))
                        .setOverwrittenOptionsAllowed(true))
                .addSubcommand(SimulatorCommand.commandLine(env, out, err))
                .addSubcommand(RebuildCommand.commandLine(env, out, terminal))
                .addSubcommand(new CommandLine.HelpCommand())
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        stack.setExecutionStrategy(parsed -> {
            if (isSubcommand(parsed, "simulate")) {
                // before the simulator's first logger: its and the Kafka client's logs go to a file
                System.setProperty("stack.log-file", home().resolve(".local/logs/simulate.log").toString());
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return stack;
    }

    /** No command: the usage, as {@code help} prints it. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    private static boolean isSubcommand(ParseResult parsed, String name) {
        return parsed.subcommand() != null && parsed.subcommand().commandSpec().name().equals(name);
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
