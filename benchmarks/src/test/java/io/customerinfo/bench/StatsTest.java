package io.customerinfo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfEvenCountAveragesTheMiddlePairAndPercentilesAreNearestRank() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
    }

    @Test
    void aBucketPercentileIsTheBoundOfTheBucketHoldingItAmongTheObservationsBetweenTwoReadings() {
        java.util.TreeMap<Double, Double> before = new java.util.TreeMap<>(java.util.Map.of(
                0.001, 100.0, 0.005, 100.0, 0.01, 100.0, Double.POSITIVE_INFINITY, 100.0));
        // then 98 observations under 1 ms, 1 under 5 ms, 1 under 10 ms
        java.util.TreeMap<Double, Double> after = new java.util.TreeMap<>(java.util.Map.of(
                0.001, 198.0, 0.005, 199.0, 0.01, 200.0, Double.POSITIVE_INFINITY, 200.0));
        assertThat(Stats.bucketPercentile(before, after, 50)).isEqualTo(0.001);
        assertThat(Stats.bucketPercentile(before, after, 99)).isEqualTo(0.005);
        assertThat(Stats.bucketPercentile(before, after, 100)).isEqualTo(0.01);
        assertThat(Stats.bucketPercentile(after, after, 99)).as("nothing observed").isNaN();
        assertThat(Stats.bucketPercentile(new java.util.TreeMap<>(), after, 99)).as("198 of 200 under 1 ms").isEqualTo(0.001);
    }
}
