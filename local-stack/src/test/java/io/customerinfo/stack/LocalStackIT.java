package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./stack run} in-process on free ports with a temporary data dir: the contract's golden response is
 * served; a second run on the same data dir serves it again from what Redis kept, without publishing the
 * sample a second time.
 */
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOLDEN = "schemas/examples/customer-info-62640.json";

    @Test
    void servesTheGoldenDocumentAndStillServesItAfterARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("local-stack-");
        RunOptions options = RunOptions.parse(
                List.of("--data-dir", dataDir.toString(), "--kafka-port", "0", "--redis-port", "0",
                        "--query-port", "0", "--projector-port", "0", "--timeout", "90"),
                // C1 only and the serial collector: the apps start in less CPU time on a small CI machine
                Map.of("STACK_APP_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
                dataDir, Path.of(System.getProperty("stack.apps-dir")));

        long firstRunBegan = Instant.now().getEpochSecond();
        long recordsAfterFirstRun;
        long firstRunEnded;
        try (LocalStack stack = LocalStack.start(options, System.out)) {
            firstRunEnded = Instant.now().getEpochSecond();
            assertThat(stack.samplePublished()).as("the topics were new, so the sample is published").isTrue();
            assertServesGolden(stack, firstRunBegan, firstRunEnded);
            recordsAfterFirstRun = recordsIn(stack.kafkaBootstrap());
            assertThat(recordsAfterFirstRun).isGreaterThanOrEqualTo(sampleLines());
        }

        try (LocalStack stack = LocalStack.start(options, System.out)) {
            assertThat(stack.samplePublished()).as("the topics exist, so nothing is published").isFalse();
            // served from the Redis AOF of the first run: _cache_at is still the first run's
            assertServesGolden(stack, firstRunBegan, firstRunEnded);
            assertThat(recordsIn(stack.kafkaBootstrap())).as("nothing republished").isEqualTo(recordsAfterFirstRun);
        }
        assertThat(dataDir.resolve("kafka/meta.properties")).exists();
        assertThat(Files.list(dataDir.resolve("redis")).map(p -> p.getFileName().toString()).toList())
                .anyMatch(name -> name.startsWith("appendonly"));
    }

    private static void assertServesGolden(LocalStack stack, long cacheAtFrom, long cacheAtTo) throws Exception {
        HttpResponse<String> response = new DocumentProbe(stack.queryUrl(), stack.options().apiKey())
                .fetch(LocalStack.SAMPLE_CUSTOMER);
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(body).as("compact UTF-8 JSON").doesNotContain("\n").contains("请求成功");

        JsonNode actual = JSON.readTree(body);
        ObjectNode expected = (ObjectNode) JSON.readTree(resource(GOLDEN));
        long cacheAt = actual.path("data").path("_cache_at").asLong();
        assertThat(cacheAt).isBetween(cacheAtFrom, cacheAtTo);
        assertThat(actual.path("data").path("_cache_at").isNumber()).isTrue();
        // the sample orders are dated 2020: nothing was bought in the current month
        assertThat(actual.path("data").path("purchase_amount").isString()).isTrue();
        assertThat(actual.path("data").path("purchase_amount").asString()).isEqualTo("0.00");

        ObjectNode data = (ObjectNode) expected.get("data");
        data.put("_cache_at", cacheAt);
        data.put("purchase_amount", "0.00");
        // serialised compactly, key order and JSON types included
        assertThat(JSON.writeValueAsString(actual)).isEqualTo(JSON.writeValueAsString(expected));
    }

    private static long recordsIn(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(TopicSetup.SOURCE_TOPICS).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            assertThat(latest).hasSize(TopicSetup.SOURCE_TOPICS.size() * TopicSetup.PARTITIONS);
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    private static long sampleLines() throws IOException {
        return resource(SampleEvents.RESOURCE).lines().filter(line -> !line.isBlank()).count();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LocalStackIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
