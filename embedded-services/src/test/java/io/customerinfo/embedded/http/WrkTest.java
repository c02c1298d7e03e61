package io.customerinfo.embedded.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class WrkTest {

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

    @TempDir
    Path dir;

    @Test
    void readsRateLatencyInEveryUnitAndFailures() {
        Wrk.Result r = Wrk.parse(REPORT);

        assertThat(r.requestsPerSecond()).isEqualTo(30866.41);
        assertThat(r.p50Millis()).isEqualTo(0.812);
        assertThat(r.p99Millis()).isEqualTo(1200.0);
        assertThat(r.requests()).isEqualTo(926000);
        assertThat(r.non2xx()).isEqualTo(7);
        assertThat(r.socketErrors()).isEqualTo(5);
        assertThat(r.failures()).isEqualTo(12);
    }

    @Test
    void aReportWithoutRateIsAnError() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .hasMessageContaining("no Requests/sec");
    }

    @Test
    void aSpreadScriptSendsTheHeadersAndPicksFromTheValues() throws IOException {
        Optional<Path> wrk = Wrk.onPath();
        assumeTrue(wrk.isPresent(), "wrk is not on the PATH");
        Set<String> gets = ConcurrentHashMap.newKeySet();
        Set<String> posts = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/info", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("GET")) {
                gets.add(key + " " + exchange.getRequestURI().getRawQuery());
            } else {
                posts.add(key + " " + type + " " + body);
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/info");
            Wrk load = new Wrk(wrk.get(), 1, 2, Duration.ofSeconds(2));
            Path get = Wrk.spreadScript(dir.resolve("get.lua"), Wrk.Method.GET, "/info", "cid", 1, List.of("1", "2"),
                    Map.of("X-Api-Key", "k\"ey"));
            Path post = Wrk.spreadScript(dir.resolve("post.lua"), Wrk.Method.POST, "/info", "cids", 3, List.of("7"),
                    Map.of("X-Api-Key", "k2"));

            Wrk.Result got = load.run(url, Optional.of(get), Duration.ofSeconds(1));
            Wrk.Result posted = load.run(url, Optional.of(post), Duration.ofSeconds(1));

            assertThat(got.requests()).isPositive();
            assertThat(got.failures()).isZero();
            assertThat(gets).containsExactlyInAnyOrder("k\"ey cid=1", "k\"ey cid=2");
            assertThat(posted.failures()).isZero();
            assertThat(posts).containsExactly("k2 application/x-www-form-urlencoded cids=7,7,7");
        } finally {
            server.stop(0);
        }
    }
}
