package io.customerinfo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the command; {@link #err()} is what this run printed there. */
    private int run(Map<String, String> env, String... args) {
        err.reset();
        return SimulatorCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parsesEveryOption() {
        SimulatorOptions o = SimulatorCommand.parse(new String[] {"--bootstrap", "h:9092", "--customers", "7",
                "--events=1_000", "--rate", "250.5", "--seed", "-3", "--duplicates", "0.1", "--reorder", "0.2",
                "--reorder-window", "5", "--poison", "0.03", "--poison-kinds", "bad_amount,OVERSIZED",
                "--tombstones", "0", "--deletes", "0.1", "--moves", "0.2", "--start", "2024-01-01",
                "--span-days", "30", "--topic-prefix", "x.", "--topic-order", "orders", "--create-topics", "6"},
                Map.of());
        SimulationConfig c = o.config();
        assertThat(o.bootstrap()).isEqualTo("h:9092");
        assertThat(o.rate()).isEqualTo(250.5);
        assertThat(o.createTopicsPartitions()).isEqualTo(6);
        assertThat(c.customers()).isEqualTo(7);
        assertThat(c.events()).isEqualTo(1000);
        assertThat(c.seed()).isEqualTo(-3);
        assertThat(c.duplicateRate()).isEqualTo(0.1);
        assertThat(c.reorderRate()).isEqualTo(0.2);
        assertThat(c.reorderWindow()).isEqualTo(5);
        assertThat(c.poisonRate()).isEqualTo(0.03);
        assertThat(c.poisonKinds()).isEqualTo(EnumSet.of(PoisonKind.BAD_AMOUNT, PoisonKind.OVERSIZED));
        assertThat(c.tombstoneRate()).isZero();
        assertThat(c.deleteRate()).isEqualTo(0.1);
        assertThat(c.moveRate()).isEqualTo(0.2);
        assertThat(c.start()).isEqualTo(Instant.parse("2023-12-31T16:00:00Z"));
        assertThat(c.span()).isEqualTo(Duration.ofDays(30));
        assertThat(c.topics()).isEqualTo(new Topics("x.customer", "x.contact", "x.address", "x.invoice", "orders"));
    }

    @Test
    void takesTheBootstrapFromTheEnvironmentWhenNotGiven() {
        SimulatorOptions o = SimulatorCommand.parse(new String[] {"--events", "5"}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1"));
        assertThat(o.bootstrap()).isEqualTo("k:1");
    }

    @Test
    void defaultsAreTheSimulationDefaults() {
        SimulatorOptions o = SimulatorCommand.parse(new String[] {"--out", "f"}, Map.of());
        SimulationConfig c = o.config();
        assertThat(o.bootstrap()).isNull();
        assertThat(o.in()).isNull();
        assertThat(o.rate()).isZero();
        assertThat(o.createTopicsPartitions()).isZero();
        assertThat(c.seed()).isEqualTo(1);
        assertThat(c.customers()).isEqualTo(100);
        assertThat(c.events()).isEqualTo(10_000);
        assertThat(c.ordersPerCustomer()).isZero();
        assertThat(c.duplicateRate()).isZero();
        assertThat(c.reorderRate()).isZero();
        assertThat(c.reorderWindow()).isEqualTo(20);
        assertThat(c.poisonRate()).isZero();
        assertThat(c.poisonKinds()).isEqualTo(EnumSet.allOf(PoisonKind.class));
        assertThat(c.tombstoneRate()).isEqualTo(0.5);
        assertThat(c.deleteRate()).isEqualTo(0.05);
        assertThat(c.moveRate()).isEqualTo(0.03);
        assertThat(c.start()).isEqualTo(Instant.parse("2025-06-01T00:00:00+08:00"));
        assertThat(c.span()).isEqualTo(Duration.ofDays(180));
        assertThat(c.topics()).isEqualTo(new Topics("crm.customer", "crm.contact", "crm.address", "crm.invoice",
                "crm.order"));
        assertThat(c).as("what the library generates by default").isEqualTo(SimulationConfig.builder().build());
    }

    @Test
    void badCommandLinesExitWithTwoAndSayWhy() {
        assertThat(run(Map.of(), "--events", "10")).isEqualTo(2);
        assertThat(err()).contains("nothing to do");
        assertThat(run(Map.of(), "--out", "f", "--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("Unknown option", "'--colour'");
        assertThat(run(Map.of(), "--out", "f", "--events", "many")).isEqualTo(2);
        assertThat(err()).contains("'--events'", "must be a whole number: many");
        assertThat(run(Map.of(), "--out", "f", "--rate", "fast")).isEqualTo(2);
        assertThat(err()).contains("'--rate'", "fast");
        assertThat(run(Map.of(), "--out", "f", "--rate", "-1")).isEqualTo(2);
        assertThat(err()).contains("--rate must be a number, not negative: -1");
        assertThat(run(Map.of(), "--out", "f", "--duplicates", "1.5")).isEqualTo(2);
        assertThat(err()).contains("--duplicates must be between 0 and 1");
        assertThat(run(Map.of(), "--out", "f", "--duplicates", "NaN")).isEqualTo(2);
        assertThat(err()).contains("--duplicates must be between 0 and 1: NaN");
        assertThat(run(Map.of(), "--out", "f", "--customers", "0")).isEqualTo(2);
        assertThat(err()).contains("--customers must be between 1 and");
        assertThat(run(Map.of(), "--out", "f", "--poison-kinds", "TOXIC")).isEqualTo(2);
        assertThat(err()).contains("'--poison-kinds'", "unknown kind 'TOXIC'");
        assertThat(run(Map.of(), "--in", "f")).isEqualTo(2);
        assertThat(err()).contains("--in needs --bootstrap");
        assertThat(run(Map.of(), "--in", "f", "--bootstrap", "h:1", "--seed", "3")).isEqualTo(2);
        assertThat(err()).contains("--seed does not apply");
        assertThat(run(Map.of(), "--in", "f", "--out", "g", "--bootstrap", "h:1")).isEqualTo(2);
        assertThat(err()).contains("cannot be combined with --out");
        assertThat(run(Map.of(), "--out")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter for option '--out'");
        assertThat(run(Map.of(), "--out", "f", "--start", "yesterday")).isEqualTo(2);
        assertThat(err()).contains("--start");
        assertThat(run(Map.of(), "--out", "f", "--seed", "1", "--seed", "2")).as("given twice").isEqualTo(2);
        assertThat(err()).contains("'--seed'", "should be specified only once");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing ran").isEmpty();
    }

    @Test
    void helpListsEveryOptionWithItsDescription() {
        assertThat(run(Map.of(), "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: simulate");
        assertThat(SimulatorCommand.commandLine(Map.of(), System.out, System.err).getCommandSpec().optionsMap().keySet())
                .as("every option the help lists and the README documents")
                .containsExactlyInAnyOrderElementsOf(OPTIONS);
        for (String option : OPTIONS) {
            assertThat(help).contains(option);
        }
        assertThat(help).contains("random seed (default 1)", "number of customers (default 100)",
                "share of deletes followed by a tombstone, 0..1 (default 0.5)", "(default crm.)",
                "subset of MALFORMED_JSON, ", "2   bad command line");
        assertThat(run(Map.of(), "-h")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(help + help);
    }

    private static final List<String> OPTIONS = List.of("-h", "--help", "--bootstrap", "--out", "--in", "--rate",
            "--create-topics", "--seed", "--customers", "--events", "--orders-per-customer", "--duplicates",
            "--reorder", "--reorder-window", "--poison", "--poison-kinds", "--tombstones", "--deletes", "--moves",
            "--start", "--span-days", "--topic-prefix", "--topic-customer", "--topic-contact", "--topic-address",
            "--topic-invoice", "--topic-order");

    @Test
    void writesTheSeededStreamToAFile() {
        Path file = dir.resolve("out/stream.jsonl");
        assertThat(run(Map.of(), "--out", file.toString(), "--seed", "9", "--customers", "10", "--events", "500",
                "--duplicates", "0.1", "--poison", "0.02")).isZero();

        Simulation expected = Simulation.generate(SimulationConfig.builder().seed(9).customers(10).events(500)
                .duplicateRate(0.1).poisonRate(0.02).build());
        assertThat(JsonlFile.read(file)).isEqualTo(expected.records());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote", "500 events");
    }
}
