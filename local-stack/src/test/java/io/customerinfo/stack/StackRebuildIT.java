package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./stack rebuild} against the whole local stack (broker, Redis, projector and query API as child
 * processes): while a client reads the contract's customer through the query API in a loop, the command
 * rebuilds into generation 2 and switches; every read answers 200 with the document, and afterwards the query API
 * serves the document rendered by the rebuild from generation 2.
 */
class StackRebuildIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void rebuildCommandSwitchesGenerationsWhileTheQueryApiKeepsAnswering() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "stack-rebuild-");
        RunOptions options = RunOptions.parse(
                List.of("--data-dir", dataDir.toString(), "--kafka-port", "0", "--redis-port", "0",
                        "--query-port", "0", "--projector-port", "0", "--timeout", "90"),
                Map.of("STACK_APP_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
                dataDir, Path.of(System.getProperty("stack.apps-dir")));
        try (LocalStack stack = LocalStack.start(options, System.out);
             JedisPooled redis = new JedisPooled(java.net.URI.create(stack.redis()))) {
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
}
