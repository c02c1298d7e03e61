package io.customerinfo.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.embedded.RedisServer;
import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.embedded.http.RawHttp;
import io.customerinfo.query.support.Golden;
import io.customerinfo.query.support.TestRedis;
import io.customerinfo.query.support.MutableClock;
import io.customerinfo.query.cache.NearCache;
import io.customerinfo.readmodel.ChangeAnnouncement;
import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.StoredView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API over a real redis-server holding a stored view written as the projector writes it (built
 * from the contract's golden response): the golden answer, tenancy, credentials, Redis going away
 * and coming back, the month rollover and a generation switch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "query.auth.keys=org1:" + QueryApiIT.ORG1_HASH + ":1;org2:" + QueryApiIT.ORG2_HASH + ":2",
        "query.redis.timeout=200ms",
        "query.generation-refresh=100ms" })
class QueryApiIT {

    /** SHA-256 of "org1-key" and "org2-key". */
    static final String ORG1_HASH = "4101358fa03218a7594501a755470ea01c500f18ef32a50aa892e91fb88cf648";
    static final String ORG2_HASH = "ad72e3f1acb0ee258bb4b99f4127e14ed729a6c7852ab7667bef5025c4aabe80";
    private static final String ORG1 = "X-Api-Key: org1-key";
    private static final String ORG2 = "X-Api-Key: org2-key";

    static final RedisServer REDIS = TestRedis.start("query-api-it");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("query.redis.url", REDIS::url);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Golden.SERVED_AT);
        }
    }

    @Autowired
    MutableClock clock;
    @Autowired
    NearCache cache;
    @LocalServerPort
    int port;
    RawHttp.OneShot http;
    long writtenAt;

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @BeforeEach
    void writeTheViewAsTheProjectorWould() {
        if (!REDIS.isRunning()) {
            REDIS.start();
        }
        clock.set(Golden.SERVED_AT);
        http = new RawHttp.OneShot(port);
        writtenAt = Instant.now().getEpochSecond();
        try (JedisPooled jedis = new JedisPooled(REDIS.hostAndPort())) {
            jedis.del("cinfo:active");
            store(jedis, 1, Golden.view(12, writtenAt, Golden.CID, "1", "202006", Golden.MONTHS));
        }
    }

    /** Writes the golden customer's view of {@code generation} and announces it, as the projector's commit does. */
    static void store(JedisPooled jedis, long generation, byte[] view) {
        jedis.set(RedisKeys.docBytes(generation, "62640"), view);
        jedis.publish(ChangeAnnouncement.CHANNEL_BYTES,
                new ChangeAnnouncement(generation, System.currentTimeMillis(), 62640).encode());
    }

    @Test
    void answersTheGoldenResponseAsCompactUtf8() {
        Response response = http.get("/crm/customer/info?cid=62640", ORG1);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        ObjectNode actual = (ObjectNode) Golden.json(response);
        assertThat(response.body()).as("compact: no insignificant whitespace, nothing escaped that need not be")
                .isEqualTo(Golden.JSON.writeValueAsBytes(actual));
        long cacheAt = actual.get("data").get("_cache_at").asLong();
        assertThat(cacheAt).isBetween(writtenAt, Instant.now().getEpochSecond());
        ((ObjectNode) actual.get("data")).put("_cache_at", Golden.CACHE_AT);
        assertThat(Golden.JSON.writeValueAsString(actual)).as("same keys, order, types and values")
                .isEqualTo(Golden.JSON.writeValueAsString(Golden.response()));
        assertThat(response.header("X-Cache-At")).isEqualTo(Long.toString(cacheAt));
        assertThat(http.post("/crm/customer/info", "application/x-www-form-urlencoded", "cid=62640", ORG1).body())
                .isEqualTo(response.body());
    }

    @Test
    void theSampleEventsProjectedByTheProjectorsCoreAreServedAsTheGolden() throws java.io.IOException {
        Projection projection = new Projection(ZoneId.of("Asia/Shanghai"));
        EventDecoder decoder = new EventDecoder();
        try (var in = QueryApiIT.class.getResourceAsStream("/schemas/examples/sample-events-62640.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = Golden.JSON.readTree(line);
                DecodeResult result = decoder.decode(record.get("topic").asString(),
                        record.get("key").asString().getBytes(StandardCharsets.UTF_8),
                        Golden.JSON.writeValueAsBytes(record.get("value")));
                assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
                projection.apply(((DecodeResult.Decoded) result).event());
            }
        }
        // the projector's clock at the contract's moment, so _cache_at and the month list are the golden's
        StoredView view = new DocumentRenderer(ZoneId.of("Asia/Shanghai"))
                .renderView(projection.customer(62640).orElseThrow(), Golden.SERVED_AT, 3).orElseThrow();
        try (JedisPooled jedis = new JedisPooled(REDIS.hostAndPort())) {
            store(jedis, 1, view.bytes());
        }
        Response response = http.get("/crm/customer/info?cid=62640", ORG1);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).as("exactly the golden, compact").isEqualTo(Golden.compactResponse());
        assertThat(response.header("ETag")).isEqualTo("\"1.3.202006\"");
    }

    @Test
    void batchReadsEveryCustomerInOneAnswer() {
        Response response = http.post("/crm/customer/batch_info", "application/x-www-form-urlencoded",
                "cids=1,62640", ORG1);
        assertThat(response.status()).isEqualTo(200);
        assertThat(Golden.json(response).get("data").get("1").isNull()).isTrue();
        assertThat(Golden.json(response).get("data").get("62640").get("purchase_amount").asString()).isEqualTo("1280.50");
    }

    @Test
    void anotherOrgsKeyGets1004AndNoKeyGets1401() {
        Response denied = http.get("/crm/customer/info?cid=62640", ORG2);
        assertThat(denied.status()).isEqualTo(404);
        assertThat(Golden.errCode(denied)).isEqualTo(1004);
        assertThat(denied.body()).isEqualTo(http.get("/crm/customer/info?cid=1", ORG2).body());
        Response anonymous = http.get("/crm/customer/info?cid=62640");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(Golden.errCode(anonymous)).isEqualTo(1401);
    }

    @Test
    void redisStoppedIs1503WithinTheTimeoutAndAnswersResumeWhenItReturns() {
        await().atMost(Duration.ofSeconds(5)).until(cache::enabled);
        assertThat(http.get("/crm/customer/info?cid=62640", ORG1).status()).isEqualTo(200);
        REDIS.kill();
        // the announcement connection closes with the server: the cache is off at once, not after the heartbeat
        await("near cache bypassed").atMost(Duration.ofMillis(300)).until(() -> !cache.enabled());
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Response response = http.get("/crm/customer/info?cid=62640", ORG1);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.status()).isEqualTo(503);
            assertThat(Golden.errCode(response)).isEqualTo(1503);
            assertThat(millis).as("answered within the timeout (plus slack)").isLessThan(1000);
        }
        assertThat(http.get("/actuator/health").status()).isEqualTo(503);
        REDIS.start();
        writeTheViewAsTheProjectorWould();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.get("/crm/customer/info?cid=62640", ORG1).status()).isEqualTo(200));
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void redisTooSlowIs1503WithinTheTimeout() {
        await().atMost(Duration.ofSeconds(5)).until(cache::enabled);
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(REDIS.hostAndPort())) {
            assertThat(http.get("/crm/customer/info?cid=62640", ORG1).status()).isEqualTo(200);
            jedis.clientPause(3000, redis.clients.jedis.args.ClientPauseMode.ALL);
            // a stalled Redis closes nothing: the unanswered heartbeat (500 ms) turns the cache off
            long paused = System.nanoTime();
            await("near cache bypassed").atMost(Duration.ofMillis(1500)).until(() -> !cache.enabled());
            assertThat((System.nanoTime() - paused) / 1_000_000).as("ms until the cache was bypassed")
                    .isGreaterThanOrEqualTo(400);
            long start = System.nanoTime();
            Response response = http.get("/crm/customer/info?cid=62640", ORG1);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.status()).isEqualTo(503);
            assertThat(Golden.errCode(response)).isEqualTo(1503);
            assertThat(millis).as("a 200 ms timeout, not the 3 s pause").isBetween(150L, 1000L);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.get("/crm/customer/info?cid=62640", ORG1).status()).isEqualTo(200));
    }

    @Test
    void aViewWrittenInJuneServedInJulyHasJulysFigure() {
        clock.set(OffsetDateTime.parse("2020-07-02T09:00:00+08:00").toInstant());
        Response july = http.get("/crm/customer/info?cid=62640", ORG1);
        assertThat(july.status()).isEqualTo(200);
        assertThat(Golden.json(july).get("data").get("purchase_amount").asString()).isEqualTo("0.00");
        assertThat(july.header("ETag")).isEqualTo("\"1.12.202007\"");
    }

    @Test
    void followsTheActiveGenerationMarker() {
        try (JedisPooled jedis = new JedisPooled(REDIS.hostAndPort())) {
            store(jedis, 2, Golden.view(1, writtenAt, Golden.CID, "1", "202006", "202006=7"));
            jedis.set("cinfo:active", "2");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    Golden.json(http.get("/crm/customer/info?cid=62640", ORG1)).get("data").get("purchase_amount").asString())
                    .isEqualTo("0.07"));
            jedis.del("cinfo:active");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    http.get("/crm/customer/info?cid=62640", ORG1).header("ETag")).isEqualTo("\"1.12.202006\""));
        }
    }

}
