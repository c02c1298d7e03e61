package io.customerinfo.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import io.customerinfo.embedded.RedisServer;
import io.customerinfo.embedded.http.RawHttp;
import io.customerinfo.query.cache.NearCache;
import io.customerinfo.query.store.CustomerViews;
import io.customerinfo.query.support.Golden;
import io.customerinfo.query.support.TestRedis;
import io.customerinfo.readmodel.ChangeAnnouncement;
import io.customerinfo.readmodel.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ClientKillParams;

/**
 * The near cache against a real redis-server and a writer that commits as the projector does (the view and its
 * announcement in one atomic step): readers hammering the customers being rewritten never get a view older than
 * one committed more than the announcement lag bound before their read began, also when the announcement
 * connection is killed mid-stream; and the cache does serve (hits), or the test would prove nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "query.auth.enabled=false",
        "query.cache.heartbeat=100ms",
        "query.cache.heartbeat-timeout=300ms" })
class NearCacheIT {

    private static final int CUSTOMERS = 16;
    private static final long FIRST_CID = 7_000;
    /** Commit to eviction on an idle machine is well under a millisecond; this leaves room for a loaded CI (the reads and the
     * subscriber share 2 cores; a subscriber starved for longer is what the heartbeat timeout catches). */
    private static final long LAG_BOUND_NANOS = Duration.ofMillis(500).toNanos();

    static final RedisServer REDIS = TestRedis.start("near-cache-it");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("query.redis.url", REDIS::url);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Autowired
    CustomerViews views;
    @Autowired
    NearCache cache;
    @Autowired
    MeterRegistry registry;
    @LocalServerPort
    int port;

    /** A committed revision and when the writer saw its commit acknowledged (so: visible in Redis). */
    private record Committed(long rev, long visibleAtNanos) {
    }

    /** A read: what it returned, and when it began. */
    private record Read(int customer, long rev, long startedAtNanos) {
    }

    @Test
    void noReadIsOlderThanTheLagBoundWhileWritesStreamAndTheConnectionIsKilled() throws Exception {
        AtomicLongArray revs = new AtomicLongArray(CUSTOMERS);
        List<List<Committed>> history = new ArrayList<>();
        try (JedisPooled jedis = new JedisPooled(REDIS.hostAndPort())) {
            for (int c = 0; c < CUSTOMERS; c++) {
                history.add(new ArrayList<>());
                commit(jedis, c, 1, history.get(c));
                revs.set(c, 1);
            }
        }
        await("subscribed").atMost(Duration.ofSeconds(10)).until(cache::enabled);
        double hitsBefore = hits();

        ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
        long began = System.nanoTime();
        long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread reader = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int c = ThreadLocalRandom.current().nextInt(CUSTOMERS);
                    long started = System.nanoTime();
                    long rev = views.find(Long.toString(FIRST_CID + c)).view().rev();
                    reads.add(new Read(c, rev, started));
                    // three readers, the writer, Redis and the API's subscriber share 2 cores: leave them some
                    LockSupport.parkNanos(20_000);
                }
            }, "reader-" + r);
            reader.start();
            readers.add(reader);
        }
        int kills = 0;
        try (JedisPooled jedis = new JedisPooled(REDIS.hostAndPort()); Jedis admin = new Jedis(REDIS.hostAndPort())) {
            long killAt = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                int c = ThreadLocalRandom.current().nextInt(CUSTOMERS);
                long rev = revs.incrementAndGet(c);
                commit(jedis, c, rev, history.get(c));
                if (System.nanoTime() > killAt) {
                    // the announcement connection dies mid-stream, twice; commits go on meanwhile
                    kills += (int) admin.clientKill(ClientKillParams.clientKillParams().type(
                            redis.clients.jedis.args.ClientType.PUBSUB));
                    killAt += Duration.ofSeconds(2).toNanos();
                }
                Thread.sleep(0, 200_000);
            }
        }
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(kills).as("announcement connections killed").isGreaterThanOrEqualTo(2);
        assertThat(hits() - hitsBefore).as("reads served from the cache").isGreaterThan(1_000);
        List<String> stale = new ArrayList<>();
        long staleReads = 0;
        long worstNanos = 0;
        for (Read read : reads) {
            long required = 0;
            for (Committed committed : history.get(read.customer())) {
                if (committed.rev() > read.rev()) {
                    // how long after a newer view was visible this read began
                    worstNanos = Math.max(worstNanos, read.startedAtNanos() - committed.visibleAtNanos());
                    break;
                }
            }
            for (Committed committed : history.get(read.customer())) {
                if (committed.visibleAtNanos() + LAG_BOUND_NANOS < read.startedAtNanos()) {
                    required = committed.rev();
                }
            }
            if (read.rev() < required) {
                staleReads++;
                if (stale.size() < 5) {
                    stale.add(String.format("customer %d: read rev %d at %.1f ms, committed rev %d more than %d ms"
                                    + " before", FIRST_CID + read.customer(), read.rev(),
                            (read.startedAtNanos() - began) / 1e6, required, LAG_BOUND_NANOS / 1_000_000));
                }
            }
        }
        System.out.printf("near cache IT: %d reads, %d stale beyond the bound, worst read %.1f ms after a newer view"
                + " was visible%n", reads.size(), staleReads, worstNanos / 1e6);
        assertThat(reads.size()).as("reads").isGreaterThan(1_000);
        assertThat(stale).as("stale reads").isEmpty();

        // and over HTTP, after the stream: every customer's last revision
        await("subscribed again").atMost(Duration.ofSeconds(10)).until(cache::enabled);
        RawHttp.OneShot http = new RawHttp.OneShot(port);
        for (int c = 0; c < CUSTOMERS; c++) {
            String etag = http.get("/crm/customer/info?cid=" + (FIRST_CID + c)).header("ETag");
            assertThat(etag.split("\\.")[1]).as("revision in %s", etag).isEqualTo(Long.toString(revs.get(c)));
        }
    }

    @Test
    void aViewWrittenWithoutAnnouncementIsServedFromTheCacheUntilAnnounced() {
        // the cache's own behaviour, seen from outside: what it serves is what it was told about
        String cid = "7100";
        try (JedisPooled jedis = new JedisPooled(REDIS.hostAndPort())) {
            jedis.set(RedisKeys.docBytes(1, cid), Golden.view(1, cid, "1", "202006", Golden.MONTHS));
            await("subscribed").atMost(Duration.ofSeconds(10)).until(cache::enabled);
            assertThat(views.find(cid).view().rev()).isEqualTo(1);
            jedis.set(RedisKeys.docBytes(1, cid), Golden.view(2, cid, "1", "202006", Golden.MONTHS));
            assertThat(views.find(cid).view().rev()).as("unannounced: still the cached view").isEqualTo(1);
            jedis.publish(ChangeAnnouncement.CHANNEL_BYTES, new ChangeAnnouncement(1, System.currentTimeMillis(), 7100).encode());
            await().atMost(Duration.ofSeconds(2)).until(() -> views.find(cid).view().rev() == 2);
        }
    }

    private double hits() {
        return registry.get("query.cache.lookups").tag("result", "hit").counter().count();
    }

    /** The view and its announcement in one MULTI, atomic as the projector's commit script. */
    private static void commit(JedisPooled jedis, int customer, long rev, List<Committed> history) {
        long cid = FIRST_CID + customer;
        try (AbstractTransaction tx = jedis.multi()) {
            tx.set(RedisKeys.docBytes(1, Long.toString(cid)), Golden.view(rev, Long.toString(cid), "1", "202006",
                    Golden.MONTHS));
            tx.publish(ChangeAnnouncement.CHANNEL_BYTES, new ChangeAnnouncement(1, System.currentTimeMillis(), cid).encode());
            tx.exec();
        }
        history.add(new Committed(rev, System.nanoTime()));
    }
}
