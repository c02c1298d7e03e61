package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./stack run} in-process on free ports with a temporary data dir: the contract's golden response is
 * served; a second run on the same data dir serves it again from what Redis kept, without publishing the
 * sample a second time. Then {@code ./stack rebuild} against that second run (broker, Redis, projector and
 * query API as child processes): while a client reads the contract's customer through the query API in a
 * loop, the command rebuilds into generation 2 and switches; every read answers 200 with the document, and
 * afterwards the query API serves the document rendered by the rebuild from generation 2. (One stack serves
 * both: a stack of its own for the rebuild cost a third start of all four servers.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOLDEN = "schemas/examples/customer-info-62640.json";

    /** The second run of the first test, left running for the rebuild; null until then (or when run alone). */
    private LocalStack restarted;

    @AfterAll
    void stopStack() {
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    @Order(1)
    void servesTheGoldenDocumentAndStillServesItAfterARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("local-stack-");
        RunOptions options = options(dataDir);

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

        restarted = LocalStack.start(options, System.out);
        assertThat(restarted.samplePublished()).as("the topics exist, so nothing is published").isFalse();
        // served from the Redis AOF of the first run: _cache_at is still the first run's
        assertServesGolden(restarted, firstRunBegan, firstRunEnded);
        assertThat(recordsIn(restarted.kafkaBootstrap())).as("nothing republished").isEqualTo(recordsAfterFirstRun);
        assertThat(dataDir.resolve("kafka/meta.properties")).exists();
        assertThat(Files.list(dataDir.resolve("redis")).map(p -> p.getFileName().toString()).toList())
                .anyMatch(name -> name.startsWith("appendonly"));
    }

    @Test
    @Order(2)
    void rebuildCommandSwitchesGenerationsWhileTheQueryApiKeepsAnswering() throws Exception {
        if (restarted == null) {
            // run alone: a stack of its own
            restarted = LocalStack.start(options(Files.createTempDirectory(
                    Path.of(System.getProperty("java.io.tmpdir")), "stack-rebuild-")), System.out);
        }
        LocalStack stack = restarted;
        RunOptions options = stack.options();
        try (JedisPooled redis = new JedisPooled(java.net.URI.create(stack.redis()))) {
            DocumentProbe probe = new DocumentProbe(stack.queryUrl(), options.apiKey());
            assertThat(probe.fetch(LocalStack.SAMPLE_CUSTOMER).statusCode()).isEqualTo(200);
            assertThat(redis.get("cinfo:active")).isEqualTo("1");

            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    try {
                        HttpResponse<String> response = probe.fetch(LocalStack.SAMPLE_CUSTOMER);
                        JsonNode body = JSON.readTree(response.body());
                        if (response.statusCode() != 200 || body.path("errCode").asInt() != 1000) {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                        reads.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "query-reader");
            reader.start();

            long began = Instant.now().getEpochSecond();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = RebuildCommand.run(List.of("--projector", "http://localhost:" + stack.projectorPort()),
                    Map.of(), new PrintStream(output, true, StandardCharsets.UTF_8), System.err, false);
            String printed = output.toString(StandardCharsets.UTF_8);
            System.out.print(printed);
            // the query API refreshes cinfo:active every second: reads go on across its switch
            long readsAtSwitch = reads.get();
            long target = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < target && reads.get() < readsAtSwitch + 50) {
                Thread.onSpinWait();
            }
            reading.set(false);
            reader.join(10_000);

            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("started rebuild of generation 2").contains("done: generation 2 active");
            assertThat(failures).as("failed reads of %d", reads.get()).isEmpty();
            assertThat(reads.get()).isGreaterThan(readsAtSwitch);
            assertThat(redis.get("cinfo:active")).isEqualTo("2");
            assertThat(redis.keys("cinfo:g1:*")).isEmpty();
            HttpResponse<String> after = probe.fetch(LocalStack.SAMPLE_CUSTOMER);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.headers().firstValue("ETag").orElse("")).as("served from generation 2")
                    .startsWith("\"2.");
            assertThat(JSON.readTree(after.body()).path("data").path("_cache_at").asLong())
                    .as("rendered by the rebuild").isGreaterThanOrEqualTo(began);

            ByteArrayOutputStream status = new ByteArrayOutputStream();
            assertThat(RebuildCommand.run(List.of("--projector", "http://localhost:" + stack.projectorPort(),
                    "--status"), Map.of(), new PrintStream(status, true, StandardCharsets.UTF_8), System.err, false))
                    .isZero();
            assertThat(status.toString(StandardCharsets.UTF_8)).contains("\"status\" : \"DONE\"");
            assertThat(RebuildCommand.run(List.of("--projector", "http://localhost:" + stack.projectorPort(),
                    "--key", "wrong"), Map.of(), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), System.err, false)).as("refused without the key").isEqualTo(1);
        }
    }

    /** Free ports, {@code dataDir}; C1 only and the serial collector: the apps start in less CPU time on a small CI machine. */
    private static RunOptions options(Path dataDir) {
        return RunCommand.parse(
                List.of("--data-dir", dataDir.toString(), "--kafka-port", "0", "--redis-port", "0",
                        "--query-port", "0", "--projector-port", "0", "--timeout", "90"),
                Map.of("STACK_APP_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
                dataDir, Path.of(System.getProperty("stack.apps-dir")));
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
