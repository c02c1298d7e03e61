package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The {@code ./stack} command line: its commands, their generated help and its usage errors. Nothing is started. */
class StackCommandTest {

    private static final List<String> RUN_OPTIONS = List.of("-h", "--help", "--data-dir", "--kafka-port",
            "--redis-port", "--query-port", "--projector-port", "--api-key", "--timeout");
    private static final List<String> REBUILD_OPTIONS = List.of("-h", "--help", "--projector", "--key", "--status",
            "--cancel", "--customer", "--no-wait");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int stack(String... args) {
        out.reset();
        err.reset();
        return StackCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutACommandOrWithHelpItListsTheCommands() {
        for (String[] args : List.of(new String[0], new String[] {"help"}, new String[] {"--help"},
                new String[] {"-h"})) {
            assertThat(stack(args)).as(String.join(" ", args)).isZero();
            assertThat(out()).startsWith("Usage: stack").contains("run", "simulate", "rebuild",
                    "Kafka, Redis, projector and query API", "Generates a CRM change stream",
                    "Replay the topics into a new generation");
        }
    }

    @Test
    void runHelpListsEveryOptionAndTheEnvironment() {
        assertThat(stack("run", "--help")).isZero();
        String help = out();
        assertThat(help).startsWith("Usage: stack run");
        assertThat(options("run")).containsExactlyInAnyOrderElementsOf(RUN_OPTIONS);
        assertThat(help).contains(RUN_OPTIONS);
        assertThat(help).contains("in-process broker port (default 9092; 0 = any free port)",
                "redis-server port (default 6379", "query API port (default 8080", "projector actuator port (default 8081",
                "demo API key (default demo-key)", "wait for the apps and the sample document (default 120)",
                "KAFKA_BOOTSTRAP_SERVERS", "REDIS_URL", "REDIS_CLUSTER_NODES", "STACK_APP_JAVA_OPTS");
        assertThat(stack("help", "run")).isZero();
        assertThat(out()).isEqualTo(help);
    }

    @Test
    void rebuildHelpListsEveryOptionAndTheExitStatus() {
        assertThat(stack("rebuild", "-h")).isZero();
        assertThat(options("rebuild")).containsExactlyInAnyOrderElementsOf(REBUILD_OPTIONS);
        assertThat(out()).startsWith("Usage: stack rebuild").contains(REBUILD_OPTIONS)
                .contains("default $PROJECTOR_URL, else http://localhost:8081", "3   another rebuild is running");
    }

    @Test
    void simulateIsTheSimulatorsCommand() {
        assertThat(stack("simulate", "--help")).isZero();
        assertThat(out()).startsWith("Usage: stack simulate").contains("--poison-kinds", "--topic-order");
        assertThat(stack("simulate", "--events", "5")).as("no --out, no Kafka").isEqualTo(2);
        assertThat(err()).contains("nothing to do");
    }

    @Test
    void usageErrorsExitWithTwoAndNameTheCulprit() {
        assertThat(stack("start")).isEqualTo(2);
        assertThat(err()).contains("'start'");
        assertThat(stack("run", "--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("Unknown option", "'--colour'", "Usage: stack run");
        assertThat(stack("run", "--kafka-port", "x")).isEqualTo(2);
        assertThat(err()).contains("'--kafka-port'", "'x'");
        assertThat(stack("run", "--redis-port", "-1")).isEqualTo(2);
        assertThat(err()).contains("--redis-port must be a port 0..65535, was -1");
        assertThat(stack("rebuild", "--status", "--cancel")).isEqualTo(2);
        assertThat(err()).contains("--status", "--cancel", "mutually exclusive");
        assertThat(stack("rebuild", "--customer")).isEqualTo(2);
        assertThat(err()).contains("'--customer'");
        assertThat(stack("rebuild", "--later")).isEqualTo(2);
        assertThat(err()).contains("'--later'", "Usage: stack rebuild");
        assertThat(out()).as("nothing ran").isEmpty();
    }

    private static List<String> options(String command) {
        CommandLine stack = StackCommand.commandLine(Map.of(), System.out, System.err, false);
        return List.copyOf(stack.getSubcommands().get(command).getCommandSpec().optionsMap().keySet());
    }
}
