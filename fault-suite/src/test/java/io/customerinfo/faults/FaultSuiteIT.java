package io.customerinfo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisServer;
import io.customerinfo.simulator.PoisonKind;
import io.customerinfo.simulator.PublishReport;
import io.customerinfo.simulator.Publisher;
import io.customerinfo.simulator.SimRecord;

/**
 * The fault suite (issue 6). Real processes: the projector and the query API as child JVMs from their exec jars,
 * a KRaft broker (in this JVM, stopped and restarted on its port), {@code redis-server} with AOF
 * ({@code appendfsync everysec}, SIGKILLed and restarted from its AOF, SIGSTOPped). The simulator streams while
 * faults are injected; afterwards every customer's document is compared with the reference model (the contract's
 * rules, independent of projection-core) and the core's projection of the same records, and the dead letters are
 * counted exactly against the poison sent.
 *
 * <p>Scenarios 1 to 4 are consecutive slices of one world on one set of topics, one Redis and one consumer
 * group (each ends compared in full); 5 and 6 have their own topics and Redis; 7 and 8 query the world of
 * 1 to 4 through the query API, which runs from the start. Run with {@code -Pfaults} (module README).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final String MAIN_GROUP = "fault-main";
    /** Valid load on the query API before scenario 7 measures it: its JIT settles over tens of seconds of load. */
    private static final Duration WARM_UP = Duration.ofSeconds(20);

    private FaultStack stack;
    private ScenarioTopics mainTopics;
    private World world;
    private App projector;
    private CompletableFuture<App> queryApi;
    private int projectorStarts;

    @BeforeAll
    void start() throws IOException {
        stack = FaultStack.start();
        mainTopics = new ScenarioTopics(stack.broker(), "main.crm.");
        queryApi = CompletableFuture.supplyAsync(() -> stack.queryApi(stack.redis()));
        world = new World(mainTopics.names(), World.config(mainTopics.names(), 6, 3000, 160_000, 0.01).build());
    }

    @AfterAll
    void stop() {
        if (projector != null) {
            projector.close();
        }
        if (queryApi != null) {
            queryApi.thenAccept(App::close).exceptionally(e -> null).join();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void s1ProjectorKilledThreeTimesDuringA100kStream() {
        long began = System.nanoTime();
        List<SimRecord> slice = world.nextSlice(100_000);
        CompletableFuture<PublishReport> publishing = publishAsync(slice, 2500);
        projector = startMainProjector();
        List<String> kills = new ArrayList<>();
        for (int kill = 1; kill <= 3; kill++) {
            long target = kill * 22_000L;
            await("projector applied " + target).atMost(CATCH_UP).pollInterval(Duration.ofMillis(100))
                    .until(() -> stack.stored().appliedTotal(MAIN_GROUP) >= target);
            long applied = stack.stored().appliedTotal(MAIN_GROUP);
            long published = ScenarioTopics.total(mainTopics.endOffsets());
            projector.process().kill();
            kills.add(applied + "/" + published);
            assertThat(applied).as("killed before the end of the stream").isLessThan(slice.size());
            projector = startMainProjector();
        }
        assertThat(publishing.join().complete()).as("every record acknowledged").isTrue();
        finishSlice("1 projector SIGKILL x3", began, "killed at applied/published " + String.join(", ", kills)
                + "; restarted each time");
    }

    @Test
    @Order(2)
    void s2RedisKilledAndRestartedFromItsAof() {
        long began = System.nanoTime();
        long pid = projector.pid();
        long before = stack.stored().appliedTotal(MAIN_GROUP);
        CompletableFuture<PublishReport> publishing = publishAsync(world.nextSlice(20_000), 2500);
        await("projector applying the slice").atMost(CATCH_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.stored().appliedTotal(MAIN_GROUP) >= before + 5_000);
        long atKill = stack.stored().appliedTotal(MAIN_GROUP);
        stack.redis().kill();
        stack.redis().start();
        long afterRestart = stack.stored().appliedTotal(MAIN_GROUP);
        assertThat(publishing.join().complete()).isTrue();
        assertThat(projector.pid()).isEqualTo(pid);
        projector.process().requireAlive();
        finishSlice("2 Redis SIGKILL + AOF", began, String.format("positions %d at the kill, %d reloaded from the AOF;"
                + " projector replays %.0f, no restart", atKill, afterRestart, projector.metric("projector_replays_total")));
    }

    @Test
    @Order(3)
    void s3BrokerStoppedAndRestarted() {
        long began = System.nanoTime();
        long before = stack.stored().appliedTotal(MAIN_GROUP);
        CompletableFuture<PublishReport> publishing = publishAsync(world.nextSlice(20_000), 2500);
        await("projector applying the slice").atMost(CATCH_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.stored().appliedTotal(MAIN_GROUP) >= before + 5_000);
        long down = System.nanoTime();
        stack.broker().stop();
        hold(Duration.ofSeconds(10));
        stack.broker().start();
        double downSeconds = (System.nanoTime() - down) / 1e9;
        PublishReport report = publishing.join();
        assertThat(report.complete()).as("the producer retried through the outage: %s", report.summary()).isTrue();
        projector.process().requireAlive();
        finishSlice("3 broker stop/restart", began, String.format("broker down %.1f s while publishing; projector"
                + " batch failures %.0f, no restart", downSeconds, projector.metric("projector_batch_failures_total")));
    }

    @Test
    @Order(4)
    void s4RedisUnreachableFor30Seconds() {
        App api = queryApi.join();
        long began = System.nanoTime();
        long projectorPid = projector.pid();
        long apiPid = api.pid();
        long before = stack.stored().appliedTotal(MAIN_GROUP);
        List<Long> live = world.liveCustomerIds(Instant.now());
        CompletableFuture<PublishReport> publishing = publishAsync(world.nextSlice(15_000), 500);
        await("projector applying the slice").atMost(CATCH_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.stored().appliedTotal(MAIN_GROUP) >= before + 2_000);
        double failuresBefore = projector.metric("projector_batch_failures_total");

        Outage outage = new Outage(api, projector, live);
        stack.freezeRedis();
        long frozenAt = System.nanoTime();
        try {
            outage.observe(Duration.ofSeconds(30));
        } finally {
            stack.thawRedis();
        }
        long frozenNanos = System.nanoTime() - frozenAt;
        await("both healthy again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.healthStatus() == 200 && projector.healthStatus() == 200);
        double recoveredSeconds = (System.nanoTime() - frozenAt - frozenNanos) / 1e9;
        assertThat(api.process().isAlive() && projector.process().isAlive()).as("no crash").isTrue();
        assertThat(api.pid()).isEqualTo(apiPid);
        assertThat(projector.pid()).isEqualTo(projectorPid);
        assertThat(outage.requests()).as("requests during the outage").isGreaterThan(50);
        assertThat(outage.not1503()).as("answers other than 1503 while Redis was unreachable: %s", outage.samples())
                .isEmpty();
        assertThat(outage.slowestMillis()).as("slowest answer during the outage (Redis timeout 200 ms)")
                .isLessThan(1000);
        assertThat(outage.apiHealthDown()).as("query API health DOWN seen").isTrue();
        assertThat(outage.projectorHealthDown()).as("projector health DOWN seen").isTrue();
        assertThat(projector.metric("projector_batch_failures_total")).as("the projector paused (polls abandoned)")
                .isGreaterThan(failuresBefore);
        assertThat(publishing.join().complete()).isTrue();
        finishSlice("4 Redis unreachable 30s", began, String.format("redis-server SIGSTOPped %.1f s: %d queries all 1503,"
                        + " slowest %d ms; health DOWN (API, projector) then UP %.1f s after; no restart, nothing extra"
                        + " dead-lettered", frozenNanos / 1e9, outage.requests(), outage.slowestMillis(), recoveredSeconds));
        projector.close();
        projector = null;
    }

    @Test
    @Order(5)
    void s5ZombieProjectorFrozenPastMaxPollInterval() {
        long began = System.nanoTime();
        RedisServer redis = stack.scenarioRedis("zombie");
        ScenarioTopics topics = new ScenarioTopics(stack.broker(), "zombie.crm.");
        World zombieWorld = new World(topics.names(), World.config(topics.names(), 55, 600, 30_000, 0.01).build());
        String group = "fault-zombie";
        Map<String, String> env = new HashMap<>(topics.projectorEnv());
        env.put("PROJECTOR_GROUP_ID", group);
        env.put("PROJECTOR_MAX_POLL_RECORDS", "200");
        // frozen longer than both: the group evicts it and hands its partitions to the other instance
        env.put("SPRING_APPLICATION_JSON", "{\"projector\":{\"consumer\":{\"max.poll.interval.ms\":\"6000\","
                + "\"session.timeout.ms\":\"6000\",\"heartbeat.interval.ms\":\"1000\"}}}");
        CompletableFuture<App> second = CompletableFuture.supplyAsync(() -> stack.projector("projector-zombie-b", redis, env));
        try (App zombie = stack.projector("projector-zombie-a", redis, env);
             App other = second.join();
             StoredDocuments stored = new StoredDocuments(redis.host(), redis.port())) {
            List<SimRecord> all = zombieWorld.rest();
            VersionWatch watch = new VersionWatch(stored.jedis(), zombieWorld.customerIds().stream().sorted().toList());
            CompletableFuture<PublishReport> publishing = publishAsync(all, 1500);
            await("both projectors applying").atMost(CATCH_UP).pollInterval(Duration.ofMillis(100))
                    .until(() -> stored.appliedTotal(group) >= 3_000);
            zombie.process().freeze();
            long frozen = System.nanoTime();
            try {
                hold(Duration.ofSeconds(15));
            } finally {
                zombie.process().thaw();
            }
            double frozenSeconds = (System.nanoTime() - frozen) / 1e9;
            assertThat(publishing.join().complete()).isTrue();
            Map<TopicPartition, Long> end = topics.endOffsets();
            stored.awaitCaughtUp(group, end, CATCH_UP);
            // the zombie, back, may still hold a batch: give it time to try to write it before the last sweep
            await("zombie back in the group or gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> zombie.healthStatus() > 0);
            watch.close();
            assertThat(zombie.process().isAlive() && other.process().isAlive()).isTrue();
            assertThat(watch.sweeps()).as("sweeps while streaming").isGreaterThan(10);
            assertThat(watch.regressions()).as("nothing went backwards").isEmpty();
            finish("5 zombie (SIGSTOP)", began, zombieWorld, topics, stored, ScenarioTopics.total(end),
                    String.format("instance A frozen %.1f s (max.poll.interval.ms 6000, session 6000) while B took over;"
                            + " %d sweeps of %d versions during the run, 0 went backwards", frozenSeconds,
                            watch.sweeps(), watch.tracked()));
        } finally {
            redis.close();
        }
    }

    @Test
    @Order(6)
    void s6OneRecordInAHundredIsPoisonPlusTombstones() {
        long began = System.nanoTime();
        RedisServer redis = stack.scenarioRedis("poison");
        ScenarioTopics topics = new ScenarioTopics(stack.broker(), "poison.crm.");
        World poisonWorld = new World(topics.names(), World.config(topics.names(), 66, 500, 30_000, 0.01)
                .tombstoneRate(0.01).maxOversized(5).build());
        String group = "fault-poison";
        Map<String, String> env = new HashMap<>(topics.projectorEnv());
        env.put("PROJECTOR_GROUP_ID", group);
        try (App poisonProjector = stack.projector("projector-poison", redis, env);
             StoredDocuments stored = new StoredDocuments(redis.host(), redis.port())) {
            long publishStart = System.nanoTime();
            PublishReport report = publish(poisonWorld.rest(), 0);
            assertThat(report.complete()).isTrue();
            Map<TopicPartition, Long> end = topics.endOffsets();
            stored.awaitCaughtUp(group, end, Duration.ofSeconds(120));
            double drainSeconds = (System.nanoTime() - publishStart) / 1e9;
            assertThat(poisonWorld.poisonByKind().keySet()).as("every kind of poison sent")
                    .containsExactlyInAnyOrder(PoisonKind.values());
            Map<String, Long> want = poisonWorld.expectedReasons();
            assertThat(topics.deadLetters().byReason()).as("dead letters per reason").isEqualTo(want);
            // one instance, never restarted: its own counters are exact too
            double deadLettered = poisonProjector.metric("projector_events_total", "outcome=\"dead_lettered\"");
            double skipped = poisonProjector.metric("projector_events_total", "outcome=\"skipped\"");
            double valid = poisonProjector.metric("projector_events_total", "outcome=\"applied\"")
                    + poisonProjector.metric("projector_events_total", "outcome=\"stale\"")
                    + poisonProjector.metric("projector_events_total", "outcome=\"duplicate\"");
            assertThat((long) deadLettered).as("projector's dead_lettered count").isEqualTo(poisonWorld.poisonSent().size());
            assertThat((long) skipped).as("tombstones skipped").isEqualTo(poisonWorld.tombstonesSent());
            assertThat((long) valid).as("valid events applied, stale or duplicate").isEqualTo(poisonWorld.validSent());
            // poison is the input's fault: none of it may trip our own code
            assertThat(poisonProjector.metric("projector_events_total", "outcome=\"internal_error\""))
                    .as("events our code failed on").isZero();
            finish("6 poison 1% + tombstones", began, poisonWorld, topics, stored, ScenarioTopics.total(end),
                    String.format("reasons %s; projector counted dead_lettered %.0f, skipped %.0f, valid %.0f;"
                            + " %,d records drained %.1f s after the first was sent", want, deadLettered, skipped, valid,
                            ScenarioTopics.total(end), drainSeconds));
        } finally {
            redis.close();
        }
    }

    @Test
    @Order(7)
    void s7HostileRequestsWhileValidTrafficRuns() throws IOException {
        App api = queryApi.join();
        long began = System.nanoTime();
        List<Long> live = world.liveCustomerIds(Instant.now());
        List<HostileCorpus.Case> corpus = HostileCorpus.generate(7, FaultStack.LOAD_KEY, 400);
        // The API has served little so far: its JIT compiles for tens of seconds once load starts (on 2 cores the
        // first 10 s of load had a p99 of 75 ms). The bound is about what hostile traffic costs a warm API, as a
        // deployed one is, so valid load warms it first, then runs alone (the reference), then beside the hostile
        // traffic.
        ValidTraffic.Result warmUp = ValidTraffic.run(api.port(), FaultStack.LOAD_KEY, live, WARM_UP,
                stack.dir().resolve("wrk-warm-up"));
        // the same valid load alone first: on a shared machine, the p99 that the hostile traffic costs is the difference
        ValidTraffic.Result alone = ValidTraffic.run(api.port(), FaultStack.LOAD_KEY, live, Duration.ofSeconds(10),
                stack.dir().resolve("wrk-alone"));
        HeapSampler heap = new HeapSampler(api);
        ValidTraffic.Result load;
        HostileTraffic hostile = new HostileTraffic(api.port(), corpus, FaultStack.LOAD_KEY);
        try {
            load = ValidTraffic.run(api.port(), FaultStack.LOAD_KEY, live, Duration.ofSeconds(20),
                    stack.dir().resolve("wrk"));
        } finally {
            hostile.close();
            heap.close();
        }
        boolean alive = api.process().isAlive();
        boolean outOfMemory = Files.readString(api.process().logFile()).contains("OutOfMemoryError");
        // the line first, so that a failing run still records what it saw
        Summary summary = new Summary("7 hostile requests", 0, load.requests(), 0, 0, 0, 0, seconds(began),
                String.format("valid load to warm up (%d s): p99 %.2f ms, %.0f/s; then alone: p99 %.2f ms, %.0f/s;"
                                + " with hostile traffic: %s; hostile: %,d"
                                + " requests from a corpus of %d, statuses %s (-1 closed, -2 no answer in 10 s), %d slow"
                                + " connections, %d failures %s; query API heap peak %d MiB of -Xmx%s, %s, %s",
                        WARM_UP.toSeconds(), warmUp.p99Millis(), warmUp.perSecond(), alone.p99Millis(),
                        alone.perSecond(), load.describe(), hostile.sent(), corpus.size(),
                        hostile.byStatus(), hostile.slowConnections(), hostile.failures().size(),
                        hostile.failures().stream().limit(3).toList(), heap.peak() >> 20, FaultStack.QUERY_API_HEAP,
                        alive ? "alive" : "DEAD", outOfMemory ? "OutOfMemoryError in its log" : "no OutOfMemoryError"));
        summary.report(stack.summaryFile());
        assertThat(alive).as("query API alive").isTrue();
        assertThat(api.healthStatus()).isEqualTo(200);
        assertThat(outOfMemory).as("OutOfMemoryError in the query API's log").isFalse();
        assertThat(hostile.failures()).as("5xx or hung hostile requests").isEmpty();
        assertThat(hostile.sent()).as("hostile requests sent").isGreaterThan(corpus.size());
        assertThat(load.non200()).as("valid requests not answered 200").isZero();
        assertThat(load.errors()).as("socket errors on valid traffic").isZero();
        assertThat(load.requests()).as("valid requests served under hostile traffic").isPositive();
        assertThat(load.p99Millis()).as("valid traffic p99 ms").isLessThan(50);
    }

    @Test
    @Order(8)
    void s8TenancyThreeKeysThreeOrgs() {
        App api = queryApi.join();
        long began = System.nanoTime();
        Instant now = Instant.now();
        // every document in the near cache first: another org's key must not get it from memory either
        Map<Long, String> liveOrgs = world.liveOrgs(now);
        long warmed = Tenancy.warm(api, liveOrgs, stack.orgKeys());
        double warmSeconds = seconds(began);
        double hitsBefore = api.metric("query_cache_lookups_total", "result=\"hit\"");
        Tenancy.Result result = Tenancy.check(api, world, liveOrgs, stack.orgKeys());
        double hits = api.metric("query_cache_lookups_total", "result=\"hit\"") - hitsBefore;
        assertThat(result.wrong()).as("answers that broke tenancy").isEmpty();
        assertThat(warmed).as("live customers served to their own org while warming").isPositive();
        assertThat(hits).as("answers from the near cache during the check").isGreaterThan(warmed);
        Summary summary = new Summary("8 tenancy", 0, 0, 0, 0, result.customers(), result.wrong().size(),
                seconds(began), result.describe() + String.format(", %,.0f of them from the near cache after %,d"
                        + " documents cached with their own org's key in %.1f s; %d requests resent after a closed"
                        + " keep-alive connection", hits, warmed, warmSeconds, Tenancy.resent()));
        summary.report(stack.summaryFile());
    }

    // --- helpers

    private App startMainProjector() {
        Map<String, String> env = new HashMap<>(mainTopics.projectorEnv());
        env.put("PROJECTOR_GROUP_ID", MAIN_GROUP);
        // A SIGKILLed instance never leaves its group: its successor gets the partitions only once the broker
        // evicts the dead members after session.timeout.ms (45 s by default, which each of scenario 1's restarts
        // waited out). 6 s, the broker's minimum, as in scenario 5 and the projector's own ITs; what the restart
        // must prove (resume from the positions in Redis, nothing lost or doubled) does not depend on it.
        env.put("SPRING_APPLICATION_JSON", "{\"projector\":{\"consumer\":{\"session.timeout.ms\":\"6000\","
                + "\"heartbeat.interval.ms\":\"1000\"}}}");
        return stack.projector("projector-main-" + (++projectorStarts), stack.redis(), env);
    }

    /** Waits until the main projector has applied everything published, then compares and reports. */
    private void finishSlice(String scenario, long began, String observed) {
        Map<TopicPartition, Long> end = mainTopics.endOffsets();
        stack.stored().awaitCaughtUp(MAIN_GROUP, end, CATCH_UP);
        finish(scenario, began, world, mainTopics, stack.stored(), ScenarioTopics.total(end), observed);
    }

    private void finish(String scenario, long began, World w, ScenarioTopics topics, StoredDocuments stored,
                        long inTopics, String observed) {
        assertThat(inTopics).as("records in the topics = records sent (nothing lost by the broker)").isEqualTo(w.sent());
        World.Comparison comparison = w.compare(stored, Instant.now());
        ScenarioTopics.DeadLetters dead = topics.deadLetters();
        Summary summary = new Summary(scenario, w.sent(), w.validSent(), dead.distinct(), w.tombstonesSent(),
                comparison.compared(), comparison.mismatches().size(), seconds(began),
                observed + String.format("; %d live documents; %d dead letters incl. replays", comparison.live(), dead.raw()));
        summary.report(stack.summaryFile());
        assertThat(comparison.mismatches()).as("documents that differ from the reference model").isEmpty();
        assertThat(comparison.coreMismatches()).as("documents that differ from the core's projection").isEmpty();
        assertThat(dead.described()).as("dead letters = poison sent, each with its reason")
                .isEqualTo(ScenarioTopics.describeAll(w.poisonSent()));
    }

    private CompletableFuture<PublishReport> publishAsync(List<SimRecord> records, double perSecond) {
        return CompletableFuture.supplyAsync(() -> publish(records, perSecond));
    }

    private PublishReport publish(List<SimRecord> records, double perSecond) {
        try (Publisher publisher = new Publisher(stack.broker().bootstrapServers())) {
            return publisher.publish(records, perSecond);
        }
    }

    private static double seconds(long began) {
        return (System.nanoTime() - began) / 1e9;
    }

    /** A deliberate outage or freeze of a fixed length (not a wait for a condition). */
    static void hold(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Query API requests and health checks while Redis is unreachable. */
    private static final class Outage {
        private final App api;
        private final App projector;
        private final List<Long> ids;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final List<String> not1503 = new ArrayList<>();
        private final List<String> samples = new ArrayList<>();
        private final AtomicLong slowest = new AtomicLong();
        private long requests;
        private volatile boolean apiDown;
        private volatile boolean projectorDown;

        Outage(App api, App projector, List<Long> ids) {
            this.api = api;
            this.projector = projector;
            this.ids = ids;
        }

        /**
         * Every 100 ms a query (counted from the second second on: the freeze must take hold first); meanwhile
         * another thread asks both healths every second.
         */
        void observe(Duration length) {
            long start = System.nanoTime();
            long end = start + length.toNanos();
            Thread health = new Thread(() -> {
                while (System.nanoTime() < end) {
                    apiDown |= api.healthStatus() == 503;
                    projectorDown |= projector.healthStatus() == 503;
                    hold(Duration.ofSeconds(1));
                }
            }, "outage-health");
            health.start();
            int i = 0;
            while (System.nanoTime() < end) {
                long id = ids.get(i++ % ids.size());
                long t0 = System.nanoTime();
                String answer;
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.url("/crm/customer/info"))
                            .timeout(Duration.ofSeconds(5)).header("X-Api-Key", FaultStack.LOAD_KEY)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("cid=" + id)).build(), HttpResponse.BodyHandlers.ofString());
                    answer = r.statusCode() + " " + r.body();
                } catch (IOException e) {
                    answer = "no answer: " + e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                long millis = (System.nanoTime() - t0) / 1_000_000;
                if (t0 - start > Duration.ofSeconds(1).toNanos()) {
                    requests++;
                    slowest.accumulateAndGet(millis, Math::max);
                    if (!answer.startsWith("503 {\"errCode\":1503")) {
                        not1503.add(id + ": " + answer);
                    }
                    if (samples.size() < 3) {
                        samples.add(answer + " in " + millis + " ms");
                    }
                }
                hold(Duration.ofMillis(100));
            }
            try {
                health.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        long requests() {
            return requests;
        }

        List<String> not1503() {
            return not1503;
        }

        List<String> samples() {
            return samples;
        }

        long slowestMillis() {
            return slowest.get();
        }

        boolean apiHealthDown() {
            return apiDown;
        }

        boolean projectorHealthDown() {
            return projectorDown;
        }
    }
}
