package io.customerinfo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkReportTest {

    private static final String REPORT = """
            Running 30s test @ http://127.0.0.1:40000/crm/customer/info
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     2.10ms    1.02ms  40.11ms   91.20%
                Req/Sec    15.51k     1.10k   18.00k    70.00%
              Latency Distribution
                 50%  812.00us
                 75%    2.01ms
                 90%    3.00ms
                 99%    1.20s
              926000 requests in 30.00s, 4.10GB read
              Socket errors: connect 0, read 2, write 0, timeout 3
              Non-2xx or 3xx responses: 7
            Requests/sec:  30866.41
            Transfer/sec:    139.91MB
            """;

    @Test
    void readsRateLatencyInEveryUnitAndFailures() {
        Wrk.Result r = Wrk.parse(REPORT);

        assertThat(r.requestsPerSecond()).isEqualTo(30866.41);
        assertThat(r.p50Millis()).isEqualTo(0.812);
        assertThat(r.p99Millis()).isEqualTo(1200.0);
        assertThat(r.requests()).isEqualTo(926000);
        assertThat(r.failures()).isEqualTo(12);
    }

    @Test
    void aReportWithoutRateIsAnError() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .hasMessageContaining("no Requests/sec");
    }

    @Test
    void medianOfEvenCountAveragesTheMiddlePairAndPercentilesAreNearestRank() {
        assertThat(Stats.median(java.util.List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
    }
}
