package io.customerinfo.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.customerinfo.embedded.RedisServer;
import io.customerinfo.embedded.http.RawHttp;
import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.query.cache.NearCache;
import io.customerinfo.query.consistency.ReadYourWrites;
import io.customerinfo.query.support.Golden;
import io.customerinfo.query.support.TestRedis;
import io.customerinfo.readmodel.ChangeAnnouncement;
import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.StateFields;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.JedisPooled;

/**
 * Read-your-writes against a real redis-server, with state records in the projector's layout and commits that
 * are atomic as the projector's (state, view and announcement in one MULTI). The rechecks are set to 10 s here, so
 * an answer within a second was woken by the announcement.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "query.auth.enabled=false",
        "query.read-your-writes.recheck=10s",
        "query.read-your-writes.max-wait=5s" })
class ReadYourWritesIT {

    static final RedisServer REDIS = TestRedis.start("ryw-it");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("query.redis.url", REDIS::url);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Autowired
    ReadYourWrites readYourWrites;
    @Autowired
    NearCache cache;
    @LocalServerPort
    int port;

    @Test
    void aWaitingRequestIsAnsweredByTheAnnouncementOfTheCommitThatAppliesTheChange() throws Exception {
        String cid = "8100";
        try (JedisPooled jedis = new JedisPooled(REDIS.hostAndPort())) {
            commit(jedis, cid, 1, "contact", 5, "L5|0{}", true);
            await("subscribed").atMost(Duration.ofSeconds(10)).until(cache::enabled);
            RawHttp.OneShot http = new RawHttp.OneShot(port);

            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> http.get(
                    "/crm/customer/info?cid=" + cid, "X-Reflects: contact:5:6"));
            await().atMost(Duration.ofSeconds(3)).until(() -> readYourWrites.waiting() == 1);
            long committed = System.nanoTime();
            commit(jedis, cid, 2, "contact", 5, "T6", true);

            Response r = answer.get(5, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.header("X-Reflected")).isEqualTo("true");
            assertThat(rev(r)).isEqualTo(2);
            assertThat(System.nanoTime() - committed).as("woken by the announcement, not the 10 s recheck")
                    .isLessThan(TimeUnit.SECONDS.toNanos(2));
        }
    }

    @Test
    void aViewSeenAheadOfItsAnnouncementIsNeverFollowedByTheOlderCachedOne() {
        String cid = "8200";
        try (JedisPooled jedis = new JedisPooled(REDIS.hostAndPort())) {
            commit(jedis, cid, 1, "order", 9, "L1|1591000000|100|0|oSN", true);
            await("subscribed").atMost(Duration.ofSeconds(10)).until(cache::enabled);
            RawHttp.OneShot http = new RawHttp.OneShot(port);
            assertThat(rev(http.get("/crm/customer/info?cid=" + cid))).isEqualTo(1);
            assertThat(rev(http.get("/crm/customer/info?cid=" + cid))).as("cached").isEqualTo(1);

            // committed, its announcement not yet heard (none is sent here): the cache still holds rev 1
            commit(jedis, cid, 2, "order", 9, "L2|1591000000|200|0|oSN", false);
            Response reflecting = http.get("/crm/customer/info?cid=" + cid, "X-Reflects: order:9:2");
            assertThat(reflecting.header("X-Reflected")).isEqualTo("true");
            assertThat(rev(reflecting)).isEqualTo(2);

            assertThat(rev(http.get("/crm/customer/info?cid=" + cid)))
                    .as("a plain read after the read-your-writes answer").isEqualTo(2);
        }
    }

    /** The revision in the ETag {@code "<generation>.<rev>.<month>"}. */
    private static long rev(Response response) {
        return Long.parseLong(response.header("ETag").split("\\.")[1]);
    }

    /** State record, view and (optionally) announcement in one MULTI, as the projector's commit script. */
    private static void commit(JedisPooled jedis, String cid, long rev, String entity, long id, String record,
            boolean announce) {
        StateFields.Location at = StateFields.locate(entity, id);
        try (AbstractTransaction tx = jedis.multi()) {
            tx.hset(RedisKeys.stateBytes(1, cid, at), at.fieldBytes(), record.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            tx.set(RedisKeys.docBytes(1, cid), Golden.view(rev, cid, "1", "202006", Golden.MONTHS));
            if (announce) {
                tx.publish(ChangeAnnouncement.CHANNEL_BYTES,
                        new ChangeAnnouncement(1, System.currentTimeMillis(), Long.parseLong(cid)).encode());
            }
            tx.exec();
        }
    }
}
