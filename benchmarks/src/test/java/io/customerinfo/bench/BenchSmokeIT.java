package io.customerinfo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./bench --smoke} end to end (embedded broker and Redis, the real app jars as child JVMs), so that the
 * tool cannot rot. Without wrk/nginx (CI has only a JDK, Maven and git) #4 and #5 are skipped with a note.
 */
class BenchSmokeIT {

    @Test
    @Timeout(value = 170)
    void smokeRunProducesEveryRowOfTheTable() throws Exception {
        Path outDir = Path.of(System.getProperty("bench.out-dir", "target/smoke"));
        Path out = outDir.resolve("smoke.md");
        Files.deleteIfExists(out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(new TeeStream(bytes, System.out), true, StandardCharsets.UTF_8);
        long began = System.nanoTime();

        int exit = BenchCommand.run(new String[] {"--smoke", "--out", out.toString(),
                "--apps-dir", System.getProperty("bench.apps-dir", "target/apps")}, Map.of(), console);

        Duration took = Duration.ofNanos(System.nanoTime() - began);
        String table = Files.readString(out);
        assertThat(exit).as("exit code; output:\n%s", bytes).isZero();
        assertThat(table).contains("| 1 | projection throughput", "| 2 |", "| 3 | freshness p99", "| 4 |", "| 5 |",
                "| 6 |", "| 7 |", "| 8 | projector live heap");
        assertThat(table).doesNotContain("failed:").doesNotContain("| failed");
        assertThat(table).containsPattern("\\| 1 \\| projection throughput[^|]*\\| [0-9,.]+ records/s");
        assertThat(table).containsPattern("\\| 3 \\| freshness p99[^|]*\\| [0-9,.]+ ms");
        assertThat(table).containsPattern("\\| 7 \\| rebuild rate[^|]*\\| [0-9,.]+ records/s \\| [0-9,.]+ records/s \\| [0-9.]+");
        if (ExternalTools.find("wrk").isEmpty()) {
            assertThat(table).contains("skipped: wrk not found");
        } else if (ExternalTools.find("nginx").isPresent()) {
            // issue 19: the nginx baseline must serve wherever the checkout lives (CI installs both tools)
            assertThat(table).containsPattern("\\| 4 \\| query API requests/s / nginx static golden \\| [0-9,.]+ req/s \\| [0-9,.]+ req/s \\| [0-9.]+ \\|");
        }
        System.out.println("smoke run took " + took.toSeconds() + " s");
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
