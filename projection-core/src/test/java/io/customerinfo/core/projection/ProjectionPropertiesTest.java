package io.customerinfo.core.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.support.Contract;
import io.customerinfo.core.support.Schemas;
import io.customerinfo.core.support.Worlds;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;

/** The laws of the projection over generated histories of several customers. */
class ProjectionPropertiesTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    @Provide
    Arbitrary<List<ChangeEvent>> histories() {
        return Worlds.histories();
    }

    @Property(tries = 150)
    void orderAndDuplicatesDoNotMatter(@ForAll("histories") List<ChangeEvent> events, @ForAll Random random) {
        Map<Long, String> inOrder = documents(events);
        Map<Long, String> shuffled = documents(Worlds.shuffledWithDuplicates(events, random));
        assertThat(shuffled).isEqualTo(inOrder);
    }

    @Property(tries = 100)
    void applyingEverythingTwiceIsApplyingItOnce(@ForAll("histories") List<ChangeEvent> events) {
        List<ChangeEvent> twice = new ArrayList<>(events);
        twice.addAll(events);
        assertThat(documents(twice)).isEqualTo(documents(events));
    }

    @Property(tries = 100)
    void aDeletedEntityIsNeverResurrectedByOlderUpserts(@ForAll("histories") List<ChangeEvent> events, @ForAll Random random) {
        Projection projection = new Projection();
        events.forEach(projection::apply);
        List<ChangeEvent> older = new ArrayList<>(events);
        java.util.Collections.shuffle(older, random);
        older.forEach(projection::apply);
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
    }

    @Property(tries = 150)
    void everyLiveChildIsInExactlyItsOwnersDocument(@ForAll("histories") List<ChangeEvent> events, @ForAll Random random) {
        Projection projection = new Projection();
        Worlds.shuffledWithDuplicates(events, random).forEach(projection::apply);
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
    }

    @Property(tries = 100)
    void everyDocumentValidatesAgainstTheSchema(@ForAll("histories") List<ChangeEvent> events) {
        Projection projection = new Projection();
        for (ChangeEvent event : events) {
            for (long customer : projection.apply(event)) {
                Optional<byte[]> doc = RENDERER.render(projection.customer(customer).orElseThrow(), Worlds.NOW);
                doc.ifPresent(bytes -> assertThat(Schemas.validateDocument(bytes)).as(new String(bytes)).isEmpty());
            }
        }
    }

    private static Map<Long, String> documents(List<ChangeEvent> events) {
        Projection projection = new Projection();
        events.forEach(projection::apply);
        Map<Long, String> docs = new HashMap<>();
        for (long customer : projection.customerIds()) {
            docs.put(customer, RENDERER.render(projection.customer(customer).orElseThrow(), Worlds.NOW)
                    .map(String::new).orElse("<none>"));
        }
        docs.values().removeIf("<none>"::equals);
        return docs;
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
