package io.customerinfo.projector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;

/**
 * Rebuilds through the admin endpoint with a real broker and Redis: a rebuild while events stream and documents
 * are read, after Redis was flushed, cancelled, resumed after its instance went away, refused while one runs
 * (across instances), refused without the admin key; and one customer re-rendered from its stored state.
 */
class RebuildIT extends WithBrokerAndRedis {

    private static final String KEY = "rebuild-it-admin-key";

    @Test
    void rebuildWhileEventsStreamAndReadsRunSwitchesWithoutOneFailedReadAndMatchesTheCore() throws Exception {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 21, 600, 12000);
        List<KafkaFixture.Record> records = stream.records();
        int preloaded = records.size() / 2;
        kafka.publish(records.subList(0, preloaded));
        try (ProjectorInstance projector = projector(kafka, run).start()) {
            new RedisProbe(() -> jedis).awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(90));
            Set<Long> readable = stream.neverDeleted();
            assertThat(readable).as("customers the stream never deletes").hasSizeGreaterThan(100);
            AdminHttp admin = new AdminHttp(projector.port(), KEY);

            AtomicInteger publishedAfterSwitch = new AtomicInteger();
            AtomicReference<Throwable> publishFailure = new AtomicReference<>();
            Thread publisher = new Thread(() -> {
                try {
                    publishWhileRebuilding(kafka, records.subList(preloaded, records.size()), publishedAfterSwitch);
                } catch (Throwable t) {
                    publishFailure.set(t);
                }
            }, "stream-publisher");
            try (DocumentReader reader = new DocumentReader(jedis, readable)) {
                publisher.start();
                AdminHttp.Answer started = admin.post("/admin/rebuild");
                assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
                assertThat(started.body()).containsEntry("outcome", "STARTED").containsEntry("target_generation", 2);
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                        .until(() -> admin.rebuildStatus().equals("DONE"));
                publisher.join(120_000);
                assertThat(publishFailure.get()).isNull();
                assertThat(publishedAfterSwitch.get()).as("events streamed after the switch").isPositive();
                new RedisProbe(() -> jedis, 2).awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(90));
                reader.close();
                assertThat(reader.failures()).as("%d failed reads of %d", reader.failureCount(), reader.reads())
                        .isEmpty();
                assertThat(reader.reads()).isPositive();
                assertThat(reader.existing()).as("customers read").isGreaterThan(readable.size() / 2);
                assertThat(reader.generationsSeen()).as("reads served from both generations").contains(1, 2);
            }
            assertThat(jedis.get(RedisKeys.ACTIVE)).isEqualTo("2");
            stream.assertDocumentsMatch(new RedisProbe(() -> jedis, 2), GeneratedStream.CLOCK.instant(), false);
            stream.assertDeadLetters();
            assertThat(keys("cinfo:g1:*")).as("the old generation is deleted").isEmpty();
            assertThat(keys("cinfo:g2:pos:{" + run + "-rebuild-g2}")).as("the rebuild's own positions").isEmpty();
            assertThat(jedis.exists(RedisKeys.REBUILD_LOCK)).as("lock released").isFalse();
            try (var kafkaAdmin = broker.admin()) {
                assertThat(kafkaAdmin.listConsumerGroups().all().get()).extracting(g -> g.groupId())
                        .as("the rebuild's consumer group is removed").doesNotContain(run + "-rebuild-g2")
                        .contains(run);
            }
        }
    }

    @Test
    void aHandOverFarBehindKeepsReadersOnTheOldGenerationUntilTheLiveGroupCaughtUp() throws Exception {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 12, 400, 6000);
        kafka.publish(stream.records());
        Map<TopicPartition, Long> end = kafka.endOffsets();
        // hands over at its first measurement, before it replayed anything: the live group does the whole catch-up
        try (ProjectorInstance projector = projector(kafka, run).property("projector.rebuild.switch-lag", "1000000")
                .start()) {
            new RedisProbe(() -> jedis).awaitApplied(run, end, Duration.ofSeconds(90));
            AdminHttp admin = new AdminHttp(projector.port(), KEY);
            try (DocumentReader reader = new DocumentReader(jedis, stream.neverDeleted())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> reader.existing() > 100);
                assertThat(admin.post("/admin/rebuild").status()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                        .until(() -> admin.rebuildStatus().equals("DONE"));
                reader.close();
                assertThat(reader.failures()).as("%d failed reads of %d", reader.failureCount(), reader.reads())
                        .isEmpty();
                assertThat(reader.generationsSeen()).contains(1, 2);
            }
            stream.assertDocumentsMatch(new RedisProbe(() -> jedis, 2), GeneratedStream.CLOCK.instant(), false);
        }
    }

    /** Publishes in small paced chunks; holds the last quarter until the rebuild switched, then streams it on. */
    private void publishWhileRebuilding(KafkaFixture kafka, List<KafkaFixture.Record> rest, AtomicInteger afterSwitch)
            throws InterruptedException {
        int chunk = 100;
        int holdAt = rest.size() * 3 / 4;
        boolean waited = false;
        for (int from = 0; from < rest.size(); from += chunk) {
            if (!waited && from >= holdAt) {
                await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(100))
                        .until(() -> "2".equals(jedis.get(RedisKeys.ACTIVE)));
                waited = true;
            }
            List<KafkaFixture.Record> part = rest.subList(from, Math.min(rest.size(), from + chunk));
            kafka.publish(part);
            if ("2".equals(jedis.get(RedisKeys.ACTIVE))) {
                afterSwitch.addAndGet(part.size());
            }
            Thread.sleep(30); // pacing of the stream, not a wait for a condition
        }
    }

    @Test
    void rebuildAfterRedisWasFlushedRestoresEveryDocument() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 5, 300, 4000);
        kafka.publish(stream.records());
        Map<TopicPartition, Long> end = kafka.endOffsets();
        try (ProjectorInstance projector = projector(kafka, run).start()) {
            new RedisProbe(() -> jedis).awaitApplied(run, end, Duration.ofSeconds(90));
            jedis.flushAll();
            AdminHttp admin = new AdminHttp(projector.port(), KEY);
            AdminHttp.Answer started = admin.post("/admin/rebuild");
            assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.rebuildStatus().equals("DONE"));
            int active = Integer.parseInt(jedis.get(RedisKeys.ACTIVE));
            assertThat(active).isEqualTo((int) started.body().get("target_generation"));
            new RedisProbe(() -> jedis, active).awaitApplied(run, end, Duration.ofSeconds(60));
            stream.assertDocumentsMatch(new RedisProbe(() -> jedis, active), GeneratedStream.CLOCK.instant(), false);
            assertThat(keys("cinfo:g" + (int) started.body().get("source_generation") + ":*")).isEmpty();
        }
    }

    @Test
    void cancelStopsTheRebuildDeletesWhatItWroteAndTheNextStartsCleanly() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 6, 300, 4000);
        kafka.publish(stream.records());
        try (ProjectorInstance projector = projector(kafka, run).property("projector.rebuild.switch-lag", "-1")
                .start()) {
            new RedisProbe(() -> jedis).awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(90));
            AdminHttp admin = new AdminHttp(projector.port(), KEY);
            assertThat(admin.post("/admin/rebuild").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<String, Object> progress = admin.get("/admin/rebuild").progress();
                return progress != null && ((Number) progress.get("total_lag")).longValue() == 0;
            });
            AdminHttp.Answer status = admin.get("/admin/rebuild");
            assertThat(status.body()).containsEntry("status", "RUNNING").containsEntry("running_here", true);
            assertThat(status.progress()).containsKeys("done", "records_per_second", "eta_seconds", "lag");
            assertThat((Map<?, ?>) status.progress().get("lag")).hasSize(15);
            assertThat(keys("cinfo:g2:*")).as("the rebuild wrote its generation").isNotEmpty();
            String metrics = admin.text("/actuator/prometheus");
            assertThat(metrics).contains("projector_rebuild_lag{partition=\"0\",topic=\"" + kafka.topic("order")
                    + "\"} 0").contains("projector_rebuild_running 1").contains("projector_rebuild_eta_seconds")
                    .contains("projector_rebuild_rate_records_per_second");

            AdminHttp.Answer cancelled = admin.delete("/admin/rebuild");
            assertThat(cancelled.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> admin.rebuildStatus().equals("CANCELLED"));
            assertThat(keys("cinfo:g2:*")).as("the cancelled generation is deleted").isEmpty();
            assertThat(jedis.get(RedisKeys.ACTIVE)).isEqualTo("1");
            assertThat(admin.delete("/admin/rebuild").status()).as("nothing left to cancel").isEqualTo(409);
            await().atMost(Duration.ofSeconds(10)).until(() -> !jedis.exists(RedisKeys.REBUILD_LOCK));

            AdminHttp.Answer again = admin.post("/admin/rebuild");
            assertThat(again.status()).isEqualTo(202);
            assertThat(again.body()).containsEntry("outcome", "STARTED").containsEntry("target_generation", 3);
            assertThat(admin.delete("/admin/rebuild").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> admin.rebuildStatus().equals("CANCELLED"));
            assertThat(keys("cinfo:g3:*")).isEmpty();
            assertThat(keys("cinfo:g1:*")).as("the live generation is untouched").isNotEmpty();
        }
    }

    @Test
    void onlyOneRebuildRunsAcrossInstancesAndTheAdminEndpointNeedsTheKey() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 8, 200, 2000);
        kafka.publish(stream.records());
        try (ProjectorInstance first = projector(kafka, run).property("projector.rebuild.switch-lag", "-1").start();
             ProjectorInstance second = projector(kafka, run).property("projector.rebuild.switch-lag", "-1")
                     .start()) {
            AdminHttp a = new AdminHttp(first.port(), KEY);
            AdminHttp b = new AdminHttp(second.port(), KEY);
            assertThat(a.withKey(null).post("/admin/rebuild").status()).isEqualTo(401);
            assertThat(a.withKey("wrong").post("/admin/rebuild").status()).isEqualTo(401);
            assertThat(a.withKey(KEY + "x").get("/admin/rebuild").status()).isEqualTo(401);
            assertThat(a.withKey(null).post("/admin/customers/1/render").status()).isEqualTo(401);
            assertThat(a.withKey(null).text("/actuator/health")).contains("UP");
            assertThat(jedis.exists(RedisKeys.REBUILD)).as("nothing started without the key").isFalse();

            assertThat(a.post("/admin/rebuild").status()).isEqualTo(202);
            AdminHttp.Answer refused = b.post("/admin/rebuild");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).containsEntry("outcome", "BUSY").containsEntry("target_generation", 2)
                    .containsEntry("running_here", false);
            assertThat(a.post("/admin/rebuild").status()).isEqualTo(409);

            assertThat(b.delete("/admin/rebuild").status()).as("cancelled through the other instance")
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> a.rebuildStatus().equals("CANCELLED"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !jedis.exists(RedisKeys.REBUILD_LOCK));
            AdminHttp.Answer next = b.post("/admin/rebuild");
            assertThat(next.status()).isEqualTo(202);
            assertThat(next.body()).containsEntry("target_generation", 3).containsEntry("running_here", true);
            assertThat(a.post("/admin/rebuild").status()).isEqualTo(409);
            assertThat(a.delete("/admin/rebuild").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> b.rebuildStatus().equals("CANCELLED"));
        }
    }

    @Test
    void aRebuildWhoseInstanceWentAwayIsResumedByTheNextInstanceOnceTheLeaseRunsOut() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 9, 300, 4000);
        kafka.publish(stream.records());
        Map<TopicPartition, Long> end = kafka.endOffsets();
        try (ProjectorInstance first = projector(kafka, run).property("projector.rebuild.switch-lag", "-1").start()) {
            new RedisProbe(() -> jedis).awaitApplied(run, end, Duration.ofSeconds(90));
            AdminHttp a = new AdminHttp(first.port(), KEY);
            assertThat(a.post("/admin/rebuild").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !jedis.hgetAll("cinfo:g2:pos:{" + run + "-rebuild-g2}").isEmpty());
        }
        assertThat(jedis.hget(RedisKeys.REBUILD, "status")).isEqualTo("RUNNING");
        // what a crashed holder leaves: its lock, until the lease runs out
        jedis.set(RedisKeys.REBUILD_LOCK, "crashed-instance", SetParams.setParams().px(15_000));
        try (ProjectorInstance second = projector(kafka, run).start()) {
            AdminHttp b = new AdminHttp(second.port(), KEY);
            assertThat(b.post("/admin/rebuild").status()).as("the crashed holder's lease still runs").isEqualTo(409);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> b.rebuildStatus().equals("DONE"));
            AdminHttp.Answer done = b.get("/admin/rebuild");
            assertThat(done.body()).containsEntry("target_generation", 2);
            assertThat(((Number) done.body().get("resumed")).intValue()).isPositive();
            assertThat(jedis.get(RedisKeys.ACTIVE)).isEqualTo("2");
            new RedisProbe(() -> jedis, 2).awaitApplied(run, end, Duration.ofSeconds(60));
            stream.assertDocumentsMatch(new RedisProbe(() -> jedis, 2), GeneratedStream.CLOCK.instant(), false);
            assertThat(keys("cinfo:g1:*")).isEmpty();
        }
    }

    @Test
    void oneCustomerIsRenderedAgainFromItsStoredStateWithoutAReplay() {
        String run = run();
        KafkaFixture kafka = new KafkaFixture(broker, run, 3);
        GeneratedStream stream = new GeneratedStream(kafka, 10, 100, 1500);
        kafka.publish(stream.records());
        try (ProjectorInstance projector = projector(kafka, run).start()) {
            RedisProbe probe = new RedisProbe(() -> jedis);
            probe.awaitApplied(run, kafka.endOffsets(), Duration.ofSeconds(60));
            long cid = stream.neverDeleted().stream().filter(id -> probe.view(id) != null).findFirst().orElseThrow();
            RedisKeys keys = new RedisKeys(1, 1024);
            String doc = keys.doc(Long.toString(cid));
            long rev = Long.parseLong(jedis.hget(keys.agg(Long.toString(cid)), "rev"));
            jedis.del(doc); // a view the renderer must produce again from ents / orders / agg / recent

            AdminHttp admin = new AdminHttp(projector.port(), KEY);
            AdminHttp.Answer rendered = admin.post("/admin/customers/" + cid + "/render");
            assertThat(rendered.status()).isEqualTo(200);
            assertThat(rendered.body()).containsEntry("generation", 1).containsEntry("document", true);
            assertThat(((Number) rendered.body().get("revision")).longValue()).isEqualTo(rev + 1);
            assertThat(jedis.hget(keys.agg(Long.toString(cid)), "rev")).isEqualTo(Long.toString(rev + 1));
            stream.assertDocumentsMatch(probe, GeneratedStream.CLOCK.instant(), false);
            assertThat(admin.post("/admin/customers/987654321/render").status()).isEqualTo(404);
            assertThat(admin.post("/admin/customers/x1/render").status()).isEqualTo(400);
        }
    }

    private Set<String> keys(String pattern) {
        Set<String> found = new TreeSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = jedis.scan(cursor, new ScanParams().match(pattern).count(1000));
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    private ProjectorInstance.Builder projector(KafkaFixture kafka, String group) {
        return ProjectorInstance.builder(broker.bootstrapServers(), group).redisUrl(redis.url())
                .clock(GeneratedStream.CLOCK).properties(kafka.projectorTopicProperties())
                .property("projector.rebuild.admin-key", KEY)
                .property("projector.rebuild.progress-interval", "200ms")
                .property("projector.rebuild.log-interval", "2s")
                .property("projector.rebuild.lease", "3s")
                // longer than the reader's (and the query API's) 1 s refresh of cinfo:active
                .property("projector.rebuild.drop-delay", "2s");
    }

    private static String run() {
        return run("r");
    }
}
