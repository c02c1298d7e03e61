package io.customerinfo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return SimulatorCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parsesEveryOption() {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--bootstrap", "h:9092", "--customers", "7",
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
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--events", "5"}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1"));
        assertThat(o.bootstrap()).isEqualTo("k:1");
    }

    @Test
    void badCommandLinesExitWithTwoAndSayWhy() {
        assertThat(run(Map.of(), "--events", "10")).isEqualTo(2);
        assertThat(err()).contains("nothing to do");
        assertThat(run(Map.of(), "--out", "f", "--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("unknown option --colour");
        assertThat(run(Map.of(), "--out", "f", "--events", "many")).isEqualTo(2);
        assertThat(err()).contains("--events must be a whole number: many");
        assertThat(run(Map.of(), "--out", "f", "--duplicates", "1.5")).isEqualTo(2);
        assertThat(err()).contains("--duplicates must be between 0 and 1");
        assertThat(run(Map.of(), "--out", "f", "--poison-kinds", "TOXIC")).isEqualTo(2);
        assertThat(err()).contains("unknown kind 'TOXIC'");
        assertThat(run(Map.of(), "--in", "f")).isEqualTo(2);
        assertThat(err()).contains("--in needs --bootstrap");
        assertThat(run(Map.of(), "--in", "f", "--bootstrap", "h:1", "--seed", "3")).isEqualTo(2);
        assertThat(err()).contains("--seed does not apply");
        assertThat(run(Map.of(), "--out")).isEqualTo(2);
        assertThat(err()).contains("--out needs a value");
        assertThat(run(Map.of(), "--out", "f", "--start", "yesterday")).isEqualTo(2);
        assertThat(err()).contains("--start");
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: simulate", "--bootstrap", "--poison-kinds");
    }

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
