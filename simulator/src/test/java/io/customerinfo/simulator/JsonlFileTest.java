package io.customerinfo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFileTest {

    @TempDir
    Path dir;

    @Test
    void theContractSampleReadsAndWritesBackByteForByte() throws Exception {
        List<SimRecord> sample = ContractSample.records();
        Path copy = dir.resolve("copy.jsonl");
        JsonlFile.write(copy, sample);

        assertThat(sample).hasSize(7).allSatisfy(r -> assertThat(r.value()).isNotNull());
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(ContractSample.FILE));
    }

    @Test
    void aDamagedStreamRoundTripsExactlyIncludingPoisonAndTombstones() throws Exception {
        Simulation sim = Simulation.generate(SimulationConfig.builder().seed(5).customers(30).events(3_000)
                .duplicateRate(0.05).reorderRate(0.1).poisonRate(0.05).maxOversized(1).build());
        Path file = dir.resolve("stream.jsonl");
        JsonlFile.write(file, sim.records());

        List<SimRecord> read = JsonlFile.read(file);

        assertThat(read).isEqualTo(sim.records());
        assertThat(read.stream().filter(SimRecord::isPoison).toList()).containsExactlyInAnyOrderElementsOf(sim.poison());
        assertThat(read).anyMatch(SimRecord::isTombstone);
        Path again = dir.resolve("again.jsonl");
        JsonlFile.write(again, read);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void valuesThatAreNotCompactJsonObjectsGoAsBase64() {
        byte[] latin1 = {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'};
        assertThat(JsonlFile.line(new SimRecord("t", "k".getBytes(StandardCharsets.UTF_8), latin1, null)))
                .isEqualTo("{\"topic\":\"t\",\"key\":\"k\",\"value_b64\":\"eyJhIjoi6SJ9\"}");
        assertThat(JsonlFile.line(new SimRecord("t", "k".getBytes(StandardCharsets.UTF_8), "{ \"a\": 1 }".getBytes(StandardCharsets.UTF_8), null)))
                .contains("\"value_b64\"");
        assertThat(JsonlFile.line(new SimRecord("t", "k".getBytes(StandardCharsets.UTF_8), "[1]".getBytes(StandardCharsets.UTF_8), null)))
                .contains("\"value_b64\"");
        assertThat(JsonlFile.line(SimRecord.tombstone("t", "k"))).isEqualTo("{\"topic\":\"t\",\"key\":\"k\",\"value\":null}");
        assertThat(JsonlFile.line(new SimRecord("t", new byte[] {(byte) 0xFF}, null, PoisonKind.NON_UTF8)))
                .isEqualTo("{\"topic\":\"t\",\"key_b64\":\"/w==\",\"value\":null,\"poison\":\"NON_UTF8\"}");
    }

    @Test
    void aBadLineIsReportedWithItsFileAndLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"topic\":\"t\",\"key\":\"1\",\"value\":null}\n\n{\"key\":\"2\"}\n");
        assertThatThrownBy(() -> JsonlFile.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.jsonl:3");
    }
}
