package io.customerinfo.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.customerinfo.embedded.RedisClusterServers;
import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.embedded.http.RawHttp;
import io.customerinfo.query.support.Golden;
import io.customerinfo.query.support.MutableClock;
import io.customerinfo.query.cache.NearCache;
import io.customerinfo.readmodel.ChangeAnnouncement;
import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.StateFields;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The API on a 3-master Redis Cluster: single reads, and a batch whose keys span slots and nodes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "query.auth.enabled=false")
class QueryApiClusterIT {

    static final RedisClusterServers CLUSTER = start();

    private static RedisClusterServers start() {
        try {
            return RedisClusterServers.start(Files.createTempDirectory("query-api-cluster-it"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("query.redis.cluster-nodes", CLUSTER::nodes);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Golden.SERVED_AT);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    NearCache cache;
    @Autowired
    MeterRegistry registry;

    @AfterAll
    static void stop() {
        CLUSTER.close();
    }

    @Test
    void servesSingleAndBatchReadsAcrossSlots() {
        List<String> cids = new ArrayList<>();
        try (JedisCluster jedis = new JedisCluster(CLUSTER.hostAndPorts())) {
            for (int i = 0; i < 30; i++) {
                String cid = Integer.toString(62640 + i);
                cids.add(cid);
                if (i % 3 != 0) {
                    jedis.set(RedisKeys.docBytes(1, cid), Golden.view(5, cid, "1", "202006", Golden.MONTHS));
                }
            }
        }
        long slots = cids.stream().map(c -> JedisClusterCRC16.getSlot(RedisKeys.doc(1, c))).distinct().count();
        assertThat(slots).isGreaterThan(10);

        RawHttp.OneShot http = new RawHttp.OneShot(port);
        Response one = http.get("/crm/customer/info?cid=62641");
        assertThat(one.status()).as(one.text()).isEqualTo(200);
        assertThat(Golden.json(one).get("data").get("id").asString()).isEqualTo("62641");
        assertThat(Golden.errCode(http.get("/crm/customer/info?cid=62640"))).isEqualTo(1004);

        Response batch = http.post("/crm/customer/batch_info", "application/x-www-form-urlencoded",
                "cids=" + String.join(",", cids));
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(Golden.json(batch).get("data").propertyNames()).containsExactlyElementsOf(cids);
        for (int i = 0; i < cids.size(); i++) {
            var doc = Golden.json(batch).get("data").get(cids.get(i));
            if (i % 3 == 0) {
                assertThat(doc.isNull()).as(cids.get(i)).isTrue();
            } else {
                assertThat(doc.get("id").asString()).isEqualTo(cids.get(i));
                assertThat(doc.get("purchase_amount").asString()).isEqualTo("1280.50");
            }
        }
        assertThat(new String(batch.body(), StandardCharsets.UTF_8)).startsWith("{\"errCode\":1000,");
        Response health = http.get("/actuator/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(Golden.json(health).get("components").get("redis").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void anAnnouncementPublishedOnAnyNodeEvictsTheCachedView() {
        String cid = "62700";
        RawHttp.OneShot http = new RawHttp.OneShot(port);
        await("near cache subscribed").atMost(Duration.ofSeconds(10)).until(cache::enabled);
        try (JedisCluster jedis = new JedisCluster(CLUSTER.hostAndPorts())) {
            jedis.set(RedisKeys.docBytes(1, cid), Golden.view(1, cid, "1", "202006", Golden.MONTHS));
            assertThat(http.get("/crm/customer/info?cid=" + cid).header("ETag")).startsWith("\"1.1.");
            assertThat(http.get("/crm/customer/info?cid=" + cid).header("ETag")).startsWith("\"1.1.");
            jedis.set(RedisKeys.docBytes(1, cid), Golden.view(2, cid, "1", "202006", Golden.MONTHS));
            // the projector publishes on the node of the customer's slot; the API listens on the first seed
            var servers = CLUSTER.servers();
            try (Jedis last = new Jedis(servers.get(servers.size() - 1).hostAndPort())) {
                last.publish(ChangeAnnouncement.CHANNEL_BYTES,
                        new ChangeAnnouncement(1, System.currentTimeMillis(), Long.parseLong(cid)).encode());
            }
        }
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(http.get("/crm/customer/info?cid=" + cid).header("ETag")).startsWith("\"1.2."));
        assertThat(registry.get("query.cache.lookups").tag("result", "hit").counter().count())
                .as("the second read was served from memory").isPositive();
    }

    @Test
    void readYourWritesReadsTheStateAndTheViewOnTheCustomersNode() {
        RawHttp.OneShot http = new RawHttp.OneShot(port);
        try (JedisCluster jedis = new JedisCluster(CLUSTER.hostAndPorts())) {
            for (String cid : List.of("62801", "62802", "62803", "62804", "62805", "62806")) {
                var at = StateFields.locate("address", 3);
                jedis.hset(RedisKeys.stateBytes(1, cid, at), at.fieldBytes(), "T4".getBytes(StandardCharsets.US_ASCII));
                jedis.set(RedisKeys.docBytes(1, cid), Golden.view(7, cid, "1", "202006", Golden.MONTHS));
                RawHttp.Response met = http.get("/crm/customer/info?cid=" + cid, "X-Reflects: address:3:4");
                assertThat(met.header("X-Reflected")).as(cid).isEqualTo("true");
                assertThat(met.header("ETag")).as(cid).startsWith("\"1.7.");
                RawHttp.Response notYet = http.get("/crm/customer/info?cid=" + cid, "X-Reflects: address:3:5",
                        "X-Reflects-Wait: 0");
                assertThat(notYet.header("X-Reflected")).as(cid).isEqualTo("false");
            }
        }
    }
}
