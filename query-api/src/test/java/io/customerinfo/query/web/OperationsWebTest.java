package io.customerinfo.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.customerinfo.query.support.Golden;
import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.query.support.WebTestSupport;
import org.junit.jupiter.api.Test;

/** Health, metrics and the active-generation switch. */
class OperationsWebTest extends WebTestSupport {

    @Test
    void healthFollowsTheStore() {
        Response up = http.get("/actuator/health");
        assertThat(up.status()).isEqualTo(200);
        assertThat(Golden.json(up).get("components").get("redis").get("status").asString()).isEqualTo("UP");
        store.unavailable(true);
        Response down = http.get("/actuator/health");
        assertThat(down.status()).isEqualTo(503);
        assertThat(Golden.json(down).get("components").get("redis").get("status").asString()).isEqualTo("DOWN");
    }

    @Test
    void prometheusShowsRequestsLatencyRedisAndDenials() {
        http.get("/crm/customer/info?cid=62640", ALL);
        http.get("/crm/customer/info?cid=62640", ORG2);
        http.get("/crm/customer/info?cid=62640");
        http.get("/crm/customer/info?cid=x", ALL);
        String metrics = http.get("/actuator/prometheus").text();
        assertThat(metrics)
                .containsPattern("query_requests_total\\{endpoint=\"info\",outcome=\"ok\"} [1-9]")
                .containsPattern("query_requests_total\\{endpoint=\"info\",outcome=\"not_found\"} [1-9]")
                .containsPattern("query_requests_total\\{endpoint=\"info\",outcome=\"bad_request\"} [1-9]")
                .containsPattern("query_requests_total\\{endpoint=\"info\",outcome=\"unauthorized\"} [1-9]")
                .contains("query_request_duration_seconds_bucket{endpoint=\"info\",outcome=\"ok\",le=")
                .contains("query_redis_duration_seconds_bucket{op=\"get\",le=")
                .containsPattern("query_auth_denials_total\\{reason=\"org\"} [1-9]")
                .containsPattern("query_auth_denials_total\\{reason=\"missing_key\"} [1-9]");
    }

    @Test
    void unknownPathsAreAnsweredWithTheEnvelope() {
        for (String path : new String[] {"/actuator/nope", "/crm/customer/nope", "/"}) {
            Response response = http.get(path, ALL);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
            assertThat(Golden.json(response).get("errCode").asInt()).as(path).isEqualTo(1004);
            assertThat(Golden.json(response).get("data").isNull()).as(path).isTrue();
        }
    }

    @Test
    void servesTheGenerationMarkedActive() {
        store.put(2, Golden.CID, Golden.view(1, Golden.CID, "1", "202006", Golden.MONTHS));
        store.activeGeneration(2L);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(http.get("/crm/customer/info?cid=62640", ALL).header("ETag")).isEqualTo("\"2.1.202006\""));
        store.activeGeneration(null);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(http.get("/crm/customer/info?cid=62640", ALL).header("ETag")).isEqualTo("\"1.12.202006\""));
    }
}
