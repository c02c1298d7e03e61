package io.customerinfo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.ParameterException;

class BenchOptionsTest {

    private static BenchOptions parse(String... args) {
        return BenchCommand.parse(List.of(args), Map.of(), Path.of("results"), Path.of("apps"));
    }

    @Test
    void drainsHalfOfTheRecordsBeforeTimingUnlessToldOtherwise() {
        assertThat(parse().warmUpPercent()).isEqualTo(50);
        assertThat(parse("--smoke").warmUpPercent()).isEqualTo(20);
        assertThat(parse("--warm-up-percent", "30").warmUpPercent()).isEqualTo(30);
    }

    @Test
    void freshnessRunsItsLoadForAMinuteBeforeTiming() {
        assertThat(parse().freshnessWarmUp()).hasSeconds(60);
        assertThat(parse("--smoke").freshnessWarmUp()).hasSeconds(1);
        assertThat(parse("--freshness-warm-up-seconds", "90").freshnessWarmUp()).hasSeconds(90);
    }

    @Test
    void refusesAWarmUpThatLeavesTooLittleToTime() {
        assertThatThrownBy(() -> parse("--warm-up-percent", "95"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("at most 90");
        assertThatThrownBy(() -> parse("--warm-up-percent", "0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("positive");
    }

    @Test
    void asksForACustomerAsTheClientsDoUnlessToldOtherwise() {
        assertThat(parse().queryMethod()).isEqualTo(BenchOptions.QueryMethod.POST);
        assertThat(parse("--query-method", "GET").queryMethod()).isEqualTo(BenchOptions.QueryMethod.GET);
        assertThatThrownBy(() -> parse("--query-method", "PUT"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'--query-method'")
                .hasMessageContaining("[POST, GET]").hasMessageContaining("'PUT'");
    }
}
