package io.customerinfo.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.route.Effect;
import io.customerinfo.core.route.OwnerIndex;
import io.customerinfo.core.route.Routing;
import io.customerinfo.core.support.Worlds;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the projector relies on: load the few keys of a customer from bytes (only the orders being
 * changed, only the top 10 + k of the recent index), apply, write the delta back, render - and get
 * the same document as the whole in-memory state. Redis is modelled by maps of bytes.
 */
class PartialLoadTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    @Provide
    Arbitrary<List<ChangeEvent>> histories() {
        return Worlds.histories();
    }

    @Provide
    Arbitrary<List<ChangeEvent>> orderHeavyHistories() {
        return Worlds.orderHeavyHistories();
    }

    @Property(tries = 100)
    void anyHistory(@ForAll("histories") List<ChangeEvent> events, @ForAll Random random) {
        loadApplyDeltaGivesTheDocumentOfTheFullState(events, random);
    }

    @Property(tries = 100)
    void manyOrdersChangingInBatches(@ForAll("orderHeavyHistories") List<ChangeEvent> events, @ForAll Random random) {
        loadApplyDeltaGivesTheDocumentOfTheFullState(events, random);
    }

    private void loadApplyDeltaGivesTheDocumentOfTheFullState(List<ChangeEvent> events, Random random) {
        List<ChangeEvent> delivered = Worlds.shuffledWithDuplicates(events, random);
        Projection reference = new Projection();
        OwnerIndex owners = new OwnerIndex();
        Map<Long, FakeKeys> redis = new HashMap<>();

        int i = 0;
        while (i < delivered.size()) {
            List<ChangeEvent> batch = delivered.subList(i, Math.min(delivered.size(), i + 1 + random.nextInt(8)));
            i += batch.size();
            batch.forEach(reference::apply);
            Map<Long, List<Effect>> effects = new LinkedHashMap<>();
            for (ChangeEvent event : batch) {
                Routing routing = owners.route(event);
                routing.effects().forEach(e -> effects.computeIfAbsent(e.customerId(), c -> new ArrayList<>()).add(e));
            }
            for (Map.Entry<Long, List<Effect>> customer : effects.entrySet()) {
                FakeKeys keys = redis.computeIfAbsent(customer.getKey(), c -> new FakeKeys());
                Set<Long> orderIds = new LinkedHashSet<>();
                for (Effect e : customer.getValue()) {
                    if (e instanceof Effect.Apply a && a.event().kind() == EntityKind.ORDER) {
                        orderIds.add(a.event().id());
                    } else if (e instanceof Effect.Evict ev && ev.kind() == EntityKind.ORDER) {
                        orderIds.add(ev.entityId());
                    }
                }
                CustomerState state = keys.load(customer.getKey(), orderIds);
                customer.getValue().forEach(state::apply);
                StateDelta delta = state.delta();
                assertThat(delta.expectedRev()).isEqualTo(keys.rev());
                keys.write(delta);
                state.markCommitted(delta.newRev());

                CustomerState expected = reference.customer(customer.getKey()).orElseThrow();
                assertThat(render(state)).isEqualTo(render(expected));
            }
        }
        for (Map.Entry<Long, FakeKeys> customer : redis.entrySet()) {
            CustomerState full = customer.getValue().loadAll(customer.getKey());
            CustomerState expected = reference.customer(customer.getKey()).orElseThrow();
            assertThat(render(full)).isEqualTo(render(expected));
            assertThat(full.liveOrderCount()).isEqualTo(expected.liveOrderCount());
            assertThat(full.receivableCents()).isEqualTo(expected.receivableCents());
            assertThat(full.purchaseByMonth()).isEqualTo(expected.purchaseByMonth());
            assertThat(full.recentOrders().stream().map(RecentEntry::orderId).toList())
                    .isEqualTo(expected.recentOrders().stream().map(RecentEntry::orderId).toList());
        }
    }

    private static String render(CustomerState state) {
        return RENDERER.render(state, Worlds.NOW).map(String::new).orElse("<no document>");
    }

    /** One customer's ents, orders, agg hashes and recent sorted set, as Redis would hold them. */
    static final class FakeKeys {
        final Map<String, byte[]> ents = new HashMap<>();
        final Map<String, byte[]> orders = new HashMap<>();
        final Map<String, byte[]> agg = new HashMap<>();
        final List<StateDelta.ScoredMember> recent = new ArrayList<>();

        long rev() {
            byte[] rev = agg.get(StateCodec.AGG_REV);
            return rev == null ? 0 : Long.parseLong(new String(rev));
        }

        CustomerState load(long customerId, Set<Long> orderIds) {
            Map<String, byte[]> someOrders = new HashMap<>();
            for (long id : orderIds) {
                byte[] value = orders.get(StateCodec.ordersField(id));
                if (value != null) {
                    someOrders.put(StateCodec.ordersField(id), value);
                }
            }
            return StateCodec.load(customerId, Worlds.NOW.atZone(CustomerState.DEFAULT_ZONE).getZone(), ents, someOrders, agg,
                    zrevrange(10 + orderIds.size()));
        }

        CustomerState loadAll(long customerId) {
            return StateCodec.load(customerId, CustomerState.DEFAULT_ZONE, ents, orders, agg, zrevrange(recent.size()));
        }

        /** ZREVRANGE 0 n-1: score desc, then member bytes desc. */
        List<byte[]> zrevrange(int n) {
            List<StateDelta.ScoredMember> sorted = new ArrayList<>(recent);
            sorted.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                    : Arrays.compareUnsigned(b.member(), a.member()));
            return sorted.stream().limit(n).map(StateDelta.ScoredMember::member).toList();
        }

        void write(StateDelta delta) {
            ents.putAll(delta.entsSet());
            orders.putAll(delta.ordersSet());
            agg.putAll(delta.aggSet());
            delta.aggDelete().forEach(agg::remove);
            for (byte[] member : delta.recentRemove()) {
                assertThat(recent.removeIf(m -> Arrays.equals(m.member(), member))).as("ZREM of a member that is there").isTrue();
            }
            for (StateDelta.ScoredMember member : delta.recentAdd()) {
                assertThat(recent).noneMatch(m -> Arrays.equals(m.member(), member.member()));
                recent.add(member);
            }
        }
    }
}
