package io.customerinfo.projector.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RebuildProgressTest {

    private static final TopicPartition ORDER_0 = new TopicPartition("crm.order", 0);
    private static final TopicPartition ORDER_1 = new TopicPartition("crm.order", 1);
    private static final TopicPartition CUSTOMER_0 = new TopicPartition("crm.customer", 0);

    @Test
    void lagCountsFromTheLogStartForAPartitionNotStartedAndRateAndTimeLeftFollowTheRecordsDone() {
        Map<TopicPartition, Long> starts = Map.of(ORDER_0, 0L, ORDER_1, 100L, CUSTOMER_0, 0L);
        Map<TopicPartition, Long> ends = Map.of(ORDER_0, 1000L, ORDER_1, 600L, CUSTOMER_0, 0L);

        RebuildProgress first = RebuildProgress.measure(Map.of(ORDER_0, 200L), starts, ends, null, Duration.ZERO);
        assertThat(first.lag()).containsEntry("crm.order:0", 800L).containsEntry("crm.order:1", 500L)
                .containsEntry("crm.customer:0", 0L);
        assertThat(first.done()).isEqualTo(200);
        assertThat(first.totalLag()).isEqualTo(1300);
        assertThat(first.maxLag()).isEqualTo(800);
        assertThat(first.recordsPerSecond()).isZero();
        assertThat(first.eta()).as("no rate yet").isNull();

        RebuildProgress second = RebuildProgress.measure(Map.of(ORDER_0, 600L, ORDER_1, 300L), starts, ends, first,
                Duration.ofSeconds(2));
        assertThat(second.done()).isEqualTo(800);
        assertThat(second.recordsPerSecond()).isEqualTo(300.0);
        assertThat(second.totalLag()).isEqualTo(700);
        assertThat(second.eta()).isEqualTo(Duration.ofMillis(2333));
    }

    @Test
    void aPositionBelowTheLogStartCountsAsTheLogStart() {
        RebuildProgress p = RebuildProgress.measure(Map.of(ORDER_0, 5L), Map.of(ORDER_0, 50L), Map.of(ORDER_0, 80L),
                null, Duration.ZERO);
        assertThat(p.lag()).containsEntry("crm.order:0", 30L);
        assertThat(p.done()).isZero();
    }

    @Test
    void jsonCarriesEveryFigureAndThePerPartitionLag() {
        RebuildProgress p = new RebuildProgress(new java.util.TreeMap<>(Map.of("crm.order:0", 7L, "crm.order:1", 3L)),
                90, 12.4, Duration.ofSeconds(1));
        JsonNode json = JsonMapper.builder().build().readTree(p.toJson());
        assertThat(json.path("done").asLong()).isEqualTo(90);
        assertThat(json.path("total_lag").asLong()).isEqualTo(10);
        assertThat(json.path("max_lag").asLong()).isEqualTo(7);
        assertThat(json.path("records_per_second").asLong()).isEqualTo(12);
        assertThat(json.path("eta_seconds").asLong()).isEqualTo(1);
        assertThat(json.path("lag").path("crm.order:1").asLong()).isEqualTo(3);
        assertThat(JsonMapper.builder().build().readTree(new RebuildProgress(Map.of(), 0, 0, null).toJson())
                .path("eta_seconds").isNull()).isTrue();
    }
}
