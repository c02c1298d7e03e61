package io.customerinfo.projector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.route.Owner;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.state.StateDelta;
import io.customerinfo.embedded.RedisServer;
import io.customerinfo.projector.store.CustomerStateStore.Commit;
import io.customerinfo.projector.store.CustomerStateStore.DocAction;
import io.customerinfo.projector.store.OwnerIndexStore.EntityRef;
import io.customerinfo.readmodel.ChangeAnnouncement;
import io.customerinfo.readmodel.RedisKeys;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/** The Lua scripts against a real redis-server: compare-and-set, set-if-higher owners, checked positions, NOSCRIPT. */
class RedisScriptsIT {

    private static RedisServer redis;
    private static JedisPooled jedis;
    private final RedisKeys keys = new RedisKeys(1, 8);

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.builder()
                .dataDir(Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "scripts-")).start();
        jedis = new JedisPooled(redis.hostAndPort());
    }

    @AfterAll
    static void stop() {
        jedis.close();
        redis.close();
    }

    @BeforeEach
    void flush() {
        jedis.flushAll();
        jedis.scriptFlush();
    }

    @Test
    void commitIsCompareAndSetOnRev() {
        CustomerStateStore store = new CustomerStateStore(jedis, keys, ZoneId.of("Asia/Shanghai"), 2);
        StateDelta first = new StateDelta(7, 0, 1, Map.of("customer", bytes("L1|{}")), Map.of(), Map.of(), Set.of(),
                List.of(), List.of());
        assertThat(store.commit(List.of(new Commit(first, DocAction.SET, bytes("view-1")))).conflicts()).isEmpty();
        assertThat(jedis.get(keys.doc("7"))).isEqualTo("view-1");
        assertThat(jedis.hget(keys.agg("7"), "rev")).isEqualTo("1");

        // a second writer that loaded rev 0 too loses, and writes nothing
        StateDelta stale = new StateDelta(7, 0, 1, Map.of("customer", bytes("L2|{}")), Map.of(), Map.of(), Set.of(),
                List.of(), List.of());
        assertThat(store.commit(List.of(new Commit(stale, DocAction.SET, bytes("view-2")))).conflicts())
                .containsExactly(7L);
        assertThat(jedis.get(keys.doc("7"))).isEqualTo("view-1");
        assertThat(jedis.hget(keys.ents("7"), "customer")).isEqualTo("L1|{}");

        StateDelta delete = new StateDelta(7, 1, 2, Map.of("customer", bytes("T3")), Map.of(), Map.of(), Set.of(),
                List.of(new StateDelta.ScoredMember(bytes("0000000000000000001{}"), 1592210000)), List.of());
        assertThat(store.commit(List.of(new Commit(delete, DocAction.DELETE, null))).conflicts()).isEmpty();
        assertThat(jedis.exists(keys.doc("7"))).isFalse();
        assertThat(jedis.zscore(keys.recent("7"), "0000000000000000001{}")).isEqualTo(1592210000d);
        assertThat(jedis.hget(keys.agg("7"), "rev")).isEqualTo("2");
    }

    @Test
    void commitAnnouncesEachViewItSetsOrDeletesAndNothingElse() throws Exception {
        CustomerStateStore store = new CustomerStateStore(jedis, keys, ZoneId.of("Asia/Shanghai"), 2);
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        BinaryJedisPubSub listener = new BinaryJedisPubSub() {
            @Override
            public void onMessage(byte[] channel, byte[] message) {
                heard.add(new String(channel, StandardCharsets.US_ASCII) + " " + new String(message, StandardCharsets.US_ASCII));
            }
        };
        Thread subscriber = new Thread(() -> {
            try (Jedis subscribed = new Jedis(redis.hostAndPort())) {
                subscribed.subscribe(listener, ChangeAnnouncement.CHANNEL_BYTES);
            }
        }, "announcement-listener");
        subscriber.start();
        await().atMost(Duration.ofSeconds(5)).until(listener::isSubscribed);
        long before = System.currentTimeMillis();

        StateDelta set = new StateDelta(7, 0, 1, Map.of("customer", bytes("L1|{}")), Map.of(), Map.of(), Set.of(),
                List.of(), List.of());
        StateDelta conflicting = new StateDelta(7, 0, 1, Map.of("customer", bytes("L2|{}")), Map.of(), Map.of(),
                Set.of(), List.of(), List.of());
        StateDelta keep = new StateDelta(8, 0, 1, Map.of("contact:1", bytes("L1|{}")), Map.of(), Map.of(), Set.of(),
                List.of(), List.of());
        StateDelta delete = new StateDelta(7, 1, 2, Map.of("customer", bytes("T3")), Map.of(), Map.of(), Set.of(),
                List.of(), List.of());
        store.commit(List.of(new Commit(set, DocAction.SET, bytes("view-1"))));
        store.commit(List.of(new Commit(conflicting, DocAction.SET, bytes("view-2")),
                new Commit(keep, DocAction.KEEP, null)));
        store.commit(List.of(new Commit(delete, DocAction.DELETE, null)));
        jedis.publish(ChangeAnnouncement.CHANNEL, "end");

        List<String> messages = new ArrayList<>();
        for (String m = heard.poll(5, TimeUnit.SECONDS); m != null && !m.endsWith(" end");
                m = heard.poll(5, TimeUnit.SECONDS)) {
            messages.add(m);
        }
        listener.unsubscribe();
        subscriber.join(5_000);
        assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(m).startsWith("cinfo:changes 1|").endsWith("|7"));
        for (String m : messages) {
            ChangeAnnouncement a = ChangeAnnouncement.parse(m.substring(m.indexOf(' ') + 1).getBytes(StandardCharsets.US_ASCII));
            assertThat(a.committedAtMillis()).isBetween(before, System.currentTimeMillis());
        }
    }

    @Test
    void loadReadsWhatCommitWrote() {
        CustomerStateStore store = new CustomerStateStore(jedis, keys, ZoneId.of("Asia/Shanghai"), 2);
        CustomerState empty = store.load(Map.of(9L, new CustomerStateStore.LoadPlan(Set.of(5L)))).get(9L);
        assertThat(empty.rev()).isZero();
        assertThat(empty.customer()).isNull();
    }

    @Test
    void ownerIndexOnlyMovesForward() {
        OwnerIndexStore owners = new OwnerIndexStore(jedis, keys);
        EntityRef contact = new EntityRef(EntityKind.CONTACT, 45973);
        owners.write(Map.of(contact, new Owner(1, 200)));
        owners.write(Map.of(contact, new Owner(2, 100))); // a replay or a zombie: older, ignored
        assertThat(owners.read(List.of(contact))).containsEntry(contact, new Owner(1, 200));
        owners.write(Map.of(contact, new Owner(3, 1000)));
        assertThat(owners.read(List.of(contact, new EntityRef(EntityKind.ORDER, 1))))
                .containsExactly(Map.entry(contact, new Owner(3, 1000)));
    }

    @Test
    void positionsAdvanceOnlyFromWhereThisConsumerLeftThem() {
        PositionStore positions = new PositionStore(jedis, keys, "grp");
        TopicPartition tp = new TopicPartition("crm.order", 0);
        assertThat(positions.advance(Map.of(), Map.of(tp, 10L))).isEmpty();
        assertThat(positions.read(List.of(tp))).containsEntry(tp, 10L);
        assertThat(positions.advance(Map.of(tp, 10L), Map.of(tp, 20L))).isEmpty();

        // Redis lost the last write (restart from AOF): stored 10 while this consumer expects 20
        jedis.hset(keys.positions("grp"), "crm.order:0", "10");
        assertThat(positions.advance(Map.of(tp, 20L), Map.of(tp, 30L))).containsExactly(tp);
        assertThat(positions.read(List.of(tp))).containsEntry(tp, 10L);

        // another owner is ahead: left alone, not a loss
        jedis.hset(keys.positions("grp"), "crm.order:0", "50");
        assertThat(positions.advance(Map.of(tp, 10L), Map.of(tp, 30L))).isEmpty();
        assertThat(positions.read(List.of(tp))).containsEntry(tp, 50L);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
