package io.customerinfo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    private final Measurement freshness = new Measurement("3", "freshness p99", "ms").target("<= 100 ms", v -> v <= 100, null);

    @Test
    void aPercentileThatFallsOnAnUnansweredProbeIsShownAsATimeoutAndMisses() {
        freshness.add(Double.POSITIVE_INFINITY);
        freshness.add(40);
        freshness.add(Double.POSITIVE_INFINITY);

        assertThat(freshness.row()).startsWith("| 3 | freshness p99 | timeout | -").contains("| missed |")
                .contains("timeout, 40.0, timeout").doesNotContain("10,000").doesNotContain("Infinity");
        assertThat(freshness.verdict()).isEqualTo(Measurement.Verdict.MISSED);
    }

    @Test
    void aMeasuredLatencyKeepsItsUnit() {
        freshness.add(12.5);

        assertThat(freshness.row()).startsWith("| 3 | freshness p99 | 12.5 ms | -").contains("| met |");
    }

    @Test
    void aHeapTargetIsJudgedOnlyWhenTheHeapCouldGrowPastIt() {
        Measurement roomy = new Measurement("8", "live heap", "MiB").target("<= 512 MiB", v -> v <= HeapTarget.TARGET_MIB, null);
        HeapTarget.add(roomy, new AppJvm.HeapAfterGc(600L << 20, 1024L << 20));
        assertThat(roomy.verdict()).isEqualTo(Measurement.Verdict.MISSED);

        Measurement capped = new Measurement("8", "live heap", "MiB").target("<= 512 MiB", v -> v <= HeapTarget.TARGET_MIB, null);
        HeapTarget.add(capped, new AppJvm.HeapAfterGc(300L << 20, 512L << 20));
        HeapTarget.add(capped, new AppJvm.HeapAfterGc(310L << 20, 512L << 20));
        assertThat(capped.verdict()).isEqualTo(Measurement.Verdict.REPORTED);
        assertThat(capped.row()).contains("(<= 512 MiB)");
        assertThat(capped.note()).containsOnlyOnce("cannot miss");
    }
}
