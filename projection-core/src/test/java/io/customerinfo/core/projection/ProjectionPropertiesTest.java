package io.customerinfo.core.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.support.Contract;
import io.customerinfo.core.support.Schemas;
import io.customerinfo.core.support.Worlds;
import io.customerinfo.reference.Json;
import io.customerinfo.reference.Outcome;
import io.customerinfo.reference.ReferenceModel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;

/**
 * The laws of the projection over generated histories of several customers, and its documents against the
 * {@link ReferenceModel} (the contract's rules written independently, from raw records).
 */
class ProjectionPropertiesTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    @Provide
    Arbitrary<List<Contract.Record>> histories() {
        return Worlds.recordHistories();
    }

    @Property(tries = 150)
    void orderAndDuplicatesDoNotMatter(@ForAll("histories") List<Contract.Record> records, @ForAll Random random) {
        List<Contract.Record> delivered = Worlds.shuffledWithDuplicates(records, random);
        Map<Long, String> inOrder = documents(Worlds.decode(records));
        Map<Long, String> shuffled = documents(Worlds.decode(delivered));
        assertThat(shuffled).isEqualTo(inOrder);
        assertThat(compact(shuffled)).as("the reference model's documents").isEqualTo(referenceDocuments(delivered));
    }

    @Provide
    Arbitrary<List<Contract.Record>> orderHeavyHistories() {
        return Worlds.orderHeavyRecordHistories();
    }

    @Property(tries = 100)
    void manyOrdersGiveTheReferenceModelsOrderListAndSums(@ForAll("orderHeavyHistories") List<Contract.Record> records,
                                                          @ForAll Random random) {
        List<Contract.Record> delivered = Worlds.shuffledWithDuplicates(records, random);
        assertThat(compact(documents(Worlds.decode(delivered)))).isEqualTo(referenceDocuments(delivered));
    }

    @Property(tries = 150)
    void afterEveryRecordEachDocumentIsTheReferenceModels(@ForAll("histories") List<Contract.Record> records,
                                                         @ForAll Random random) {
        Projection projection = new Projection();
        ReferenceModel reference = new ReferenceModel();
        for (Contract.Record r : Worlds.shuffledWithDuplicates(records, random)) {
            projection.apply(Worlds.decode(List.of(r)).get(0));
            assertThat(reference.accept(r.topic(), r.key(), r.value())).isNotEqualTo(Outcome.REJECTED);
            for (long customer = 1; customer <= Worlds.CUSTOMERS; customer++) {
                assertThat(documentOf(projection, customer).map(Json::compact))
                        .as("customer %d after %s", customer, new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(reference.document(Long.toString(customer), Worlds.NOW).map(Json::compact));
            }
        }
        assertThat(reference.rejected()).isEmpty();
    }

    @Property(tries = 100)
    void applyingEverythingTwiceIsApplyingItOnce(@ForAll("histories") List<Contract.Record> records) {
        List<Contract.Record> twice = new ArrayList<>(records);
        twice.addAll(records);
        Map<Long, String> once = documents(Worlds.decode(records));
        assertThat(documents(Worlds.decode(twice))).isEqualTo(once);
        assertThat(compact(once)).as("the reference model's documents").isEqualTo(referenceDocuments(twice));
    }

    @Property(tries = 100)
    void aDeletedEntityIsNeverResurrectedByOlderUpserts(@ForAll("histories") List<Contract.Record> records,
                                                        @ForAll Random random) {
        List<ChangeEvent> events = Worlds.decode(records);
        List<Contract.Record> replayed = new ArrayList<>(records);
        List<Contract.Record> older = new ArrayList<>(records);
        Collections.shuffle(older, random);
        replayed.addAll(older);
        Projection projection = new Projection();
        Worlds.decode(replayed).forEach(projection::apply);
        Map<String, ChangeEvent> latest = Worlds.latest(events);
        for (ChangeEvent last : latest.values()) {
            if (last.isDelete() && last.kind().isChild()) {
                for (long customer = 1; customer <= Worlds.CUSTOMERS; customer++) {
                    documentOf(projection, customer).ifPresent(doc -> assertThat(idsOf(doc, last.kind())).doesNotContain(last.id()));
                }
            }
            if (last.isDelete() && last.kind() == EntityKind.CUSTOMER) {
                assertThat(documentOf(projection, last.id())).isEmpty();
            }
        }
        assertThat(compact(documents(projection))).as("the reference model's documents").isEqualTo(referenceDocuments(replayed));
    }

    @Property(tries = 150)
    void everyLiveChildIsInExactlyItsOwnersDocument(@ForAll("histories") List<Contract.Record> records, @ForAll Random random) {
        List<ChangeEvent> events = Worlds.decode(records);
        List<Contract.Record> delivered = Worlds.shuffledWithDuplicates(records, random);
        Projection projection = new Projection();
        Worlds.decode(delivered).forEach(projection::apply);
        Map<String, ChangeEvent> latest = Worlds.latest(events);
        Map<Long, JsonNode> docs = new HashMap<>();
        for (long customer = 1; customer <= Worlds.CUSTOMERS; customer++) {
            long c = customer;
            documentOf(projection, customer).ifPresent(doc -> docs.put(c, doc));
        }
        long expectedOrders = 0;
        for (ChangeEvent last : latest.values()) {
            if (!last.kind().isChild()) {
                continue;
            }
            boolean live = !last.isDelete();
            if (last.kind() == EntityKind.ORDER) {
                if (live && !last.orderData().cancelled() && docs.containsKey(last.customerId())) {
                    expectedOrders++;
                }
                continue;
            }
            for (Map.Entry<Long, JsonNode> doc : docs.entrySet()) {
                boolean expected = live && doc.getKey() == last.customerId();
                assertThat(idsOf(doc.getValue(), last.kind()).contains(last.id()))
                        .as("%s in the document of customer %s", last.describe(), doc.getKey()).isEqualTo(expected);
            }
        }
        long renderedOrders = docs.values().stream().mapToLong(d -> Long.parseLong(d.get("total_infos").get("orders").asString())).sum();
        assertThat(renderedOrders).isEqualTo(expectedOrders);
        assertThat(compact(documents(projection))).as("the reference model's documents").isEqualTo(referenceDocuments(delivered));
    }

    @Property(tries = 100)
    void everyDocumentValidatesAgainstTheSchema(@ForAll("histories") List<Contract.Record> records) {
        Projection projection = new Projection();
        for (ChangeEvent event : Worlds.decode(records)) {
            for (long customer : projection.apply(event)) {
                Optional<byte[]> doc = RENDERER.render(projection.customer(customer).orElseThrow(), Worlds.NOW);
                doc.ifPresent(bytes -> assertThat(Schemas.validateDocument(bytes)).as(new String(bytes)).isEmpty());
            }
        }
    }

    private static Map<Long, String> documents(List<ChangeEvent> events) {
        Projection projection = new Projection();
        events.forEach(projection::apply);
        return documents(projection);
    }

    /** Every document the projection renders at {@link Worlds#NOW}, as its compact bytes. */
    private static Map<Long, String> documents(Projection projection) {
        Map<Long, String> docs = new HashMap<>();
        for (long customer : projection.customerIds()) {
            RENDERER.render(projection.customer(customer).orElseThrow(), Worlds.NOW)
                    .ifPresent(bytes -> docs.put(customer, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        }
        return docs;
    }

    /** Documents as parsed JSON, member order kept, {@code _cache_at} included (both sides render at NOW). */
    private static Map<Long, String> compact(Map<Long, String> documents) {
        Map<Long, String> out = new TreeMap<>();
        documents.forEach((id, doc) -> out.put(id, Json.compact(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return out;
    }

    /** The reference model's documents for the same records, delivered in the same order. */
    private static Map<Long, String> referenceDocuments(List<Contract.Record> records) {
        ReferenceModel reference = new ReferenceModel();
        records.forEach(r -> reference.accept(r.topic(), r.key(), r.value()));
        assertThat(reference.rejected()).as("records the reference model rejects").isEmpty();
        Map<Long, String> out = new TreeMap<>();
        for (String id : reference.liveCustomerIds()) {
            out.put(Long.parseLong(id), Json.compact(reference.document(id, Worlds.NOW).orElseThrow()));
        }
        return out;
    }

    private static Optional<JsonNode> documentOf(Projection projection, long customer) {
        return projection.customer(customer).flatMap(state -> RENDERER.render(state, Worlds.NOW)).map(Contract.JSON::readTree);
    }

    private static List<Long> idsOf(JsonNode doc, EntityKind kind) {
        String list = switch (kind) {
            case CONTACT -> "contacts";
            case ADDRESS -> "addresslist";
            case INVOICE -> "invoicelist";
            case ORDER -> "orderlist";
            default -> throw new IllegalArgumentException(kind.toString());
        };
        List<Long> ids = new ArrayList<>();
        if (kind == EntityKind.ORDER) {
            doc.get("orderlist").forEach(o -> ids.add(Long.parseLong(o.get("sales_order_sn").asString().substring(2))));
            return ids;
        }
        doc.get(list).forEach(child -> ids.add(Long.parseLong(child.get("id").asString())));
        return ids;
    }
}
