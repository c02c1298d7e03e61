package io.customerinfo.projector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.StoredView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's sample events through a real broker and Redis give the contract's document; a customer delete
 * removes it and a re-creation brings it back with its children.
 */
class SampleEventsIT extends WithBrokerAndRedis {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The contract's clock: 2020-06-16T10:00:00+08:00. */
    private static final Clock CLOCK = Clock.fixed(
            OffsetDateTime.of(2020, 6, 16, 10, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant(), ZoneOffset.UTC);

    @Test
    void sampleEventsGiveTheContractDocumentAndDeleteRecreateWorks() throws IOException {
        String run = run("s");
        KafkaFixture kafka = new KafkaFixture(broker, run, 2);
        RedisProbe probe = new RedisProbe(() -> jedis);
        List<KafkaFixture.Record> records = sampleRecords(kafka);
        kafka.publish(records);

        String group = run + "-projector";
        try (ProjectorInstance projector = ProjectorInstance.builder(broker.bootstrapServers(), group)
                .redisUrl(redis.url()).clock(CLOCK).property("projector.group-id", group)
                .properties(kafka.projectorTopicProperties()).start()) {
            probe.awaitApplied(group, kafka.endOffsets(), Duration.ofSeconds(60));

            assertThat(jedis.get(RedisKeys.ACTIVE)).isEqualTo("1");
            StoredView view = probe.view(62640);
            assertThat(view).isNotNull();
            assertThat(view.cacheAt()).isEqualTo(CLOCK.instant().getEpochSecond());
            assertThat(withoutCacheAt(probe.document(62640, 202006))).isEqualTo(withoutCacheAt(goldenData()));
            assertThat(projector.metrics().eventCount(kafka.topic("order"),
                    io.customerinfo.projector.metrics.ProjectorMetrics.Outcome.APPLIED)).isPositive();
            assertOperable(projector.port(), kafka.topic("order"));

            // delete the customer: the document goes, the children stay
            kafka.publish(List.of(KafkaFixture.Record.of(kafka.topic("customer"), "62640",
                    "{\"event_id\":\"del-1\",\"op\":\"delete\",\"entity\":\"customer\",\"id\":\"62640\","
                            + "\"customer_id\":\"62640\",\"version\":1592300000000,\"occurred_at\":1592300000000}")));
            probe.awaitApplied(group, kafka.endOffsets(), Duration.ofSeconds(30));
            assertThat(probe.view(62640)).isNull();

            // re-create it (a newer version of the same row): the document comes back with its children
            KafkaFixture.Record customer = records.stream()
                    .filter(r -> r.topic().equals(kafka.topic("customer"))).findFirst().orElseThrow();
            ObjectNode recreated = (ObjectNode) JSON.readTree(customer.value());
            recreated.put("event_id", "recreate-1").put("version", 1592300001000L).put("occurred_at", 1592300001000L);
            kafka.publish(List.of(new KafkaFixture.Record(customer.topic(), customer.key(),
                    JSON.writeValueAsBytes(recreated))));
            probe.awaitApplied(group, kafka.endOffsets(), Duration.ofSeconds(30));
            assertThat(withoutCacheAt(probe.document(62640, 202006))).isEqualTo(withoutCacheAt(goldenData()));
        }
    }

    /** Health (Redis, Kafka) is up and Prometheus shows the projector's meters. */
    private static void assertOperable(int port, String orderTopic) {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode health = JSON.readTree(get(http, "http://127.0.0.1:" + port + "/actuator/health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("redis").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafka").get("status").asString()).isEqualTo("UP");
        String metrics = get(http, "http://127.0.0.1:" + port + "/actuator/prometheus");
        assertThat(metrics)
                .contains("projector_events_total{outcome=\"applied\",topic=\"" + orderTopic + "\"}")
                .contains("projector_consumer_lag{")
                .contains("projector_projection_latency_seconds_bucket{")
                .contains("projector_redis_commit_latency_seconds_count")
                .contains("projector_cas_retries_total");
    }

    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + url, e);
        }
    }

    static List<KafkaFixture.Record> sampleRecords(KafkaFixture kafka) throws IOException {
        List<KafkaFixture.Record> records = new ArrayList<>();
        try (InputStream in = resource("/schemas/examples/sample-events-62640.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                String kind = node.get("topic").asString().substring("crm.".length());
                records.add(new KafkaFixture.Record(kafka.topic(kind),
                        node.get("key").asString().getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(node.get("value"))));
            }
        }
        return records;
    }

    static String goldenData() throws IOException {
        try (InputStream in = resource("/schemas/examples/customer-info-62640.json")) {
            return JSON.writeValueAsString(JSON.readTree(in).get("data"));
        }
    }

    /** Compact JSON with {@code _cache_at} removed, member order kept. */
    static String withoutCacheAt(String json) {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.remove("_cache_at");
        return JSON.writeValueAsString(node);
    }

    private static InputStream resource(String name) {
        InputStream in = SampleEventsIT.class.getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
