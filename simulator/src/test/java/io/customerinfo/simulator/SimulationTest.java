package io.customerinfo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SimulationTest {

    private static final Pattern AMOUNT = Pattern.compile("\\d+\\.\\d{2}");

    private static final int EVENTS = 10_000;
    /** The undamaged stream that several tests look at. */
    private static final Simulation STANDARD = Simulation.generate(config().build());

    private static SimulationConfig.Builder config() {
        return SimulationConfig.builder().seed(42).customers(100).events(EVENTS);
    }

    private static JsonNode json(SimRecord r) {
        return EventEncoder.JSON.readTree(r.value());
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
        SimulationConfig damaged = config().events(3_000).duplicateRate(0.1).reorderRate(0.2).poisonRate(0.02).build();
        Simulation a = Simulation.generate(damaged);
        Simulation b = Simulation.generate(damaged);
        Simulation c = Simulation.generate(config().events(3_000).seed(43).duplicateRate(0.1).reorderRate(0.2).poisonRate(0.02).build());

        assertThat(a.records()).isEqualTo(b.records());
        assertThat(a.poison()).isEqualTo(b.poison());
        assertThat(a.records()).isNotEqualTo(c.records());
    }

    @Test
    void theMixIsFortyOrdersTwentyCustomersFifteenContactsFifteenAddressesTenInvoicesPerHundred() {
        Simulation sim = STANDARD;
        Map<Entity, Long> byEntity = sim.stats().eventsByEntity();

        assertThat(sim.stats().events()).isEqualTo(EVENTS);
        Map<Entity, Double> expected = Map.of(Entity.ORDER, 0.40, Entity.CUSTOMER, 0.20, Entity.CONTACT, 0.15,
                Entity.ADDRESS, 0.15, Entity.INVOICE, 0.10);
        expected.forEach((entity, share) ->
                assertThat(byEntity.get(entity) / (double) EVENTS).as(entity.name()).isCloseTo(share, within(0.015)));
        Map<String, Long> byTopic = new HashMap<>();
        sim.records().stream().filter(r -> !r.isTombstone()).forEach(r -> byTopic.merge(r.topic(), 1L, Long::sum));
        assertThat(byTopic.keySet()).containsExactlyInAnyOrderElementsOf(Topics.defaults().all());
    }

    @Test
    void everyEventIsAContractEnvelopeKeyedByItsIdOnItsEntitysTopicWithVersionsGrowingPerEntity() {
        Simulation sim = STANDARD;
        Map<String, Long> lastVersion = new HashMap<>();
        Topics topics = Topics.defaults();
        for (SimRecord r : sim.records()) {
            if (r.isTombstone()) {
                continue;
            }
            JsonNode e = json(r);
            List<String> members = new ArrayList<>(e.propertyNames());
            boolean delete = e.get("op").asString().equals("delete");
            assertThat(members).containsExactlyElementsOf(delete
                    ? List.of("event_id", "op", "entity", "id", "customer_id", "version", "occurred_at")
                    : List.of("event_id", "op", "entity", "id", "customer_id", "version", "occurred_at", "data"));
            assertThat(r.keyString()).isEqualTo(e.get("id").asString());
            assertThat(topics.entityOf(r.topic()).wireName()).isEqualTo(e.get("entity").asString());
            String entityKey = r.topic() + ":" + r.keyString();
            long version = e.get("version").asLong();
            assertThat(version).isGreaterThan(lastVersion.getOrDefault(entityKey, 0L));
            lastVersion.put(entityKey, version);
            if (!delete) {
                assertThat(e.get("data").get("id").asString()).isEqualTo(r.keyString());
                if (!e.get("entity").asString().equals("customer")) {
                    assertThat(e.get("data").get("customer_id")).isEqualTo(e.get("customer_id"));
                }
            }
        }
    }

    @Test
    void rowsHaveTheFieldsOfTheContractSampleInItsOrder() {
        Map<String, List<String>> sampleFields = new HashMap<>();
        for (SimRecord r : ContractSample.records()) {
            sampleFields.put(json(r).get("entity").asString(), new ArrayList<>(json(r).get("data").propertyNames()));
        }
        Set<String> checked = new HashSet<>();
        for (SimRecord r : Simulation.generate(config().events(2_000).build()).records()) {
            if (r.isTombstone() || !json(r).has("data")) {
                continue;
            }
            JsonNode e = json(r);
            String entity = e.get("entity").asString();
            assertThat(new ArrayList<>(e.get("data").propertyNames())).as(entity).isEqualTo(sampleFields.get(entity));
            if (entity.equals("customer")) {
                assertThat(new ArrayList<>(e.get("data").get("total_infos").propertyNames()))
                        .containsExactly("service3d", "contract", "service");
                assertThat(EventEncoder.JSON.readTree(e.get("data").get("checking_info").asString()).isObject()).isTrue();
            }
            checked.add(entity);
        }
        assertThat(checked).containsExactlyInAnyOrder("customer", "contact", "address", "invoice", "order");
    }

    @Test
    void ordersHaveTwoDecimalAmountsKnownStatusesAndSpreadOverMonths() {
        Set<YearMonth> months = new HashSet<>();
        Set<String> statuses = new HashSet<>();
        for (SimRecord r : STANDARD.records()) {
            if (r.isTombstone() || !r.topic().equals("crm.order") || !json(r).has("data")) {
                continue;
            }
            JsonNode d = json(r).get("data");
            assertThat(d.get("amount").asString()).matches(AMOUNT);
            assertThat(d.get("paid_amount").asString()).matches(AMOUNT);
            assertThat(d.get("sales_order_sn").asString()).matches("SO\\d{14}");
            statuses.add(d.get("status").asString());
            months.add(YearMonth.from(Instant.ofEpochSecond(d.get("created_at").asLong()).atZone(CrmRows.ZONE)));
        }
        assertThat(statuses).containsExactlyInAnyOrder("open", "paid", "cancelled");
        assertThat(months).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void theStreamHasUpdatesDeletesRecreationsAndMoves() {
        Map<String, String> ownerOf = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        int updates = 0;
        int deletes = 0;
        int recreations = 0;
        int customerRecreations = 0;
        int moves = 0;
        for (SimRecord r : STANDARD.records()) {
            if (r.isTombstone()) {
                continue;
            }
            JsonNode e = json(r);
            String entityKey = r.topic() + ":" + r.keyString();
            String owner = e.get("customer_id").asString();
            if (e.get("op").asString().equals("delete")) {
                deletes++;
                deleted.add(entityKey);
                continue;
            }
            if (deleted.remove(entityKey)) {
                recreations++;
                customerRecreations += r.topic().equals("crm.customer") ? 1 : 0;
            } else if (ownerOf.containsKey(entityKey)) {
                updates++;
                moves += ownerOf.get(entityKey).equals(owner) ? 0 : 1;
            }
            ownerOf.put(entityKey, owner);
        }
        assertThat(updates).isGreaterThan(2_500);
        assertThat(deletes).isGreaterThan(100);
        assertThat(recreations).isGreaterThan(10);
        assertThat(customerRecreations).isGreaterThan(3);
        assertThat(moves).isGreaterThan(50);
    }

    @Test
    void duplicatesAreTheSameBytesAtTheConfiguredRate() {
        Simulation sim = Simulation.generate(config().duplicateRate(0.1).build());
        Set<ByteBuffer> seen = new HashSet<>();
        long repeated = 0;
        for (SimRecord r : sim.records()) {
            if (!r.isTombstone() && !seen.add(ByteBuffer.wrap(r.value()))) {
                repeated++;
            }
        }
        assertThat(repeated).isEqualTo(sim.stats().duplicates());
        assertThat(sim.stats().duplicates() / (double) EVENTS).isCloseTo(0.1, within(0.01));
    }

    @Test
    void tombstonesFollowDeletesAtTheConfiguredRate() {
        Simulation sim = STANDARD;
        long tombstones = sim.records().stream().filter(SimRecord::isTombstone).count();
        assertThat(tombstones).isEqualTo(sim.stats().tombstones());
        assertThat((double) tombstones / sim.stats().deletes()).isCloseTo(0.5, within(0.1));
        assertThat(Simulation.generate(config().events(2_000).tombstoneRate(0).build()).stats().tombstones()).isZero();
    }

    @Test
    void poisonComesAtTheConfiguredRateAndIsListedExactly() {
        Simulation sim = Simulation.generate(config().poisonRate(0.05).build());
        assertThat(sim.records().stream().filter(SimRecord::isPoison).toList()).isEqualTo(sim.poison());
        assertThat(sim.poison().size() / (double) EVENTS).isCloseTo(0.05, within(0.01));
        assertThat(sim.poisonByKind().get(PoisonKind.OVERSIZED)).isEqualTo(8);
        assertThat(sim.valid()).hasSize(sim.records().size() - sim.poison().size());
        Set<String> realKeys = new HashSet<>();
        sim.valid().forEach(r -> realKeys.add(r.topic() + ":" + r.keyString()));
        sim.poison().forEach(p -> assertThat(realKeys).doesNotContain(p.topic() + ":" + p.keyString()));
    }

    @Test
    void reorderingShufflesLocallyWithoutLosingOrAddingRecords() {
        List<SimRecord> ordered = Simulation.generate(config().events(5_000).build()).records();
        List<SimRecord> shuffled = Simulation.generate(config().events(5_000).reorderRate(0.3).reorderWindow(10).build()).records();
        assertThat(shuffled).isNotEqualTo(ordered).containsExactlyInAnyOrderElementsOf(ordered);
        long displaced = 0;
        for (int i = 0; i < ordered.size(); i++) {
            displaced += ordered.get(i).equals(shuffled.get(i)) ? 0 : 1;
        }
        assertThat(displaced).isGreaterThan(1_000);
    }

    @Test
    void historyModeGivesEveryCustomerKOrders() {
        Simulation sim = Simulation.generate(SimulationConfig.builder().seed(7).customers(3).ordersPerCustomer(500).build());
        assertThat(sim.stats().events()).isEqualTo(3 * (4 + 500));
        Map<String, Integer> ordersByCustomer = new HashMap<>();
        for (SimRecord r : sim.records()) {
            if (r.topic().equals("crm.order")) {
                ordersByCustomer.merge(json(r).get("customer_id").asString(), 1, Integer::sum);
            }
        }
        assertThat(ordersByCustomer).hasSize(3).allSatisfy((customer, n) -> assertThat(n).isEqualTo(500));
    }

    @Test
    void theLazyStreamEqualsTheGeneratedOne() {
        SimulationConfig c = config().events(3_000).duplicateRate(0.1).reorderRate(0.1).poisonRate(0.01).build();
        List<SimRecord> lazy = new ArrayList<>();
        ChangeStream stream = Simulation.stream(c);
        stream.forEachRemaining(lazy::add);
        Simulation sim = Simulation.generate(c);
        assertThat(lazy).isEqualTo(sim.records());
        assertThat(stream.stats()).isEqualTo(sim.stats());
        assertThat(sim.stats().records()).isEqualTo(sim.records().size());
    }
}
