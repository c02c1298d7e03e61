package io.customerinfo.core.render;

import static io.customerinfo.core.support.Events.child;
import static io.customerinfo.core.support.Events.contact;
import static io.customerinfo.core.support.Events.customer;
import static io.customerinfo.core.support.Events.delete;
import static io.customerinfo.core.support.Events.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.support.Contract;
import io.customerinfo.core.support.Schemas;
import tools.jackson.databind.JsonNode;

class DocumentEdgeCasesTest {

    private static final long C = 7;
    private static final Instant JUNE_16 = Contract.GOLDEN_NOW;
    private static final long JUNE_10 = Instant.parse("2020-06-10T00:00:00Z").getEpochSecond();

    private final Projection projection = new Projection();
    private final DocumentRenderer renderer = new DocumentRenderer();

    @Test
    void noOrdersGiveAnEmptyListAndZeroAmounts() {
        projection.apply(customer(C, 1, "c"));
        JsonNode doc = render(JUNE_16);
        assertThat(doc.get("orderlist").isArray()).isTrue();
        assertThat(doc.get("orderlist")).isEmpty();
        assertThat(doc.get("order_amount").asString()).isEqualTo("0.00");
        assertThat(doc.get("purchase_amount").asString()).isEqualTo("0.00");
        assertThat(doc.get("total_infos").get("orders").asString()).isEqualTo("0");
        assertThat(doc.get("contacts")).isEmpty();
    }

    @Test
    void theOrderListHoldsTheTenMostRecent() {
        projection.apply(customer(C, 1, "c"));
        for (int i = 1; i <= 15; i++) {
            projection.apply(order(100 + i, C, 1, JUNE_10 + i, i + ".00"));
        }
        JsonNode doc = render(JUNE_16);
        List<String> sns = new ArrayList<>();
        doc.get("orderlist").forEach(o -> sns.add(o.get("sales_order_sn").asString()));
        assertThat(sns).containsExactly("SO115", "SO114", "SO113", "SO112", "SO111", "SO110", "SO109", "SO108", "SO107", "SO106");
        assertThat(doc.get("total_infos").get("orders").asString()).isEqualTo("15");
        assertThat(doc.get("purchase_amount").asString()).isEqualTo("120.00");
    }

    @Test
    void equalCreatedAtIsOrderedByIdDescending() {
        projection.apply(customer(C, 1, "c"));
        projection.apply(order(9, C, 1, JUNE_10, "1"));
        projection.apply(order(100, C, 1, JUNE_10, "1"));
        projection.apply(order(10, C, 1, JUNE_10, "1"));
        projection.apply(order(11, C, 1, JUNE_10 - 1, "1"));
        List<String> sns = new ArrayList<>();
        render(JUNE_16).get("orderlist").forEach(o -> sns.add(o.get("sales_order_sn").asString()));
        assertThat(sns).containsExactly("SO100", "SO10", "SO9", "SO11");
    }

    @Test
    void anOrderAtTheMonthBoundaryBelongsToTheMonthInShanghai() {
        projection.apply(customer(C, 1, "c"));
        projection.apply(order(1, C, 1, Instant.parse("2020-05-31T16:30:00Z"), "10.00", "0", "open"));
        projection.apply(order(2, C, 1, Instant.parse("2020-05-31T15:59:59Z"), "1.00", "0", "open"));
        assertThat(render(JUNE_16).get("purchase_amount").asString()).isEqualTo("10.00");
        assertThat(render(Instant.parse("2020-05-20T00:00:00Z")).get("purchase_amount").asString()).isEqualTo("1.00");
        assertThat(render(Instant.parse("2020-07-01T00:00:00+08:00")).get("purchase_amount").asString()).isEqualTo("0.00");
    }

    @Test
    void amountsAreExact() {
        projection.apply(customer(C, 1, "c"));
        projection.apply(order(1, C, 1, Instant.ofEpochSecond(JUNE_10), "0.10", "0", "open"));
        projection.apply(order(2, C, 1, Instant.ofEpochSecond(JUNE_10), "0.20", "0", "open"));
        JsonNode doc = render(JUNE_16);
        assertThat(doc.get("purchase_amount").asString()).isEqualTo("0.30");
        assertThat(doc.get("order_amount").asString()).isEqualTo("0.30");
        assertThat(doc.get("orderlist").get(0).get("amount").asString()).isEqualTo("0.20");
    }

    @Test
    void cancelledOrdersAreLeftOutAndComeBackWhenReopened() {
        projection.apply(customer(C, 1, "c"));
        projection.apply(order(1, C, 1, Instant.ofEpochSecond(JUNE_10), "5.00", "1.00", "cancelled"));
        assertThat(render(JUNE_16).get("orderlist")).isEmpty();
        assertThat(render(JUNE_16).get("order_amount").asString()).isEqualTo("0.00");
        projection.apply(order(1, C, 2, Instant.ofEpochSecond(JUNE_10), "5.00", "1.00", "open"));
        JsonNode doc = render(JUNE_16);
        assertThat(doc.get("orderlist")).hasSize(1);
        assertThat(doc.get("order_amount").asString()).isEqualTo("4.00");
        assertThat(doc.get("total_infos").get("orders").asString()).isEqualTo("1");
    }

    @Test
    void aReceivableCanGoNegative() {
        projection.apply(customer(C, 1, "c"));
        projection.apply(order(1, C, 1, Instant.ofEpochSecond(JUNE_10), "1.00", "3.05", "open"));
        JsonNode doc = render(JUNE_16);
        assertThat(doc.get("order_amount").asString()).isEqualTo("-2.05");
        assertThat(Schemas.validateDocument(renderBytes(JUNE_16))).isEmpty();
    }

    @Test
    void noDocumentWithoutALiveCustomerButChildrenWait() {
        projection.apply(contact(1, C, 1));
        projection.apply(order(1, C, 1, JUNE_10, "2.00"));
        assertThat(renderer.render(projection.customer(C).orElseThrow(), JUNE_16)).isEmpty();

        projection.apply(customer(C, 5, "c"));
        JsonNode doc = render(JUNE_16);
        assertThat(doc.get("contacts")).hasSize(1);
        assertThat(doc.get("orderlist")).hasSize(1);

        projection.apply(delete(EntityKind.CUSTOMER, C, C, 6));
        assertThat(renderer.render(projection.customer(C).orElseThrow(), JUNE_16)).isEmpty();
        projection.apply(customer(C, 5, "stale"));
        assertThat(renderer.render(projection.customer(C).orElseThrow(), JUNE_16)).isEmpty();

        projection.apply(customer(C, 7, "back"));
        assertThat(render(JUNE_16).get("contacts")).hasSize(1);
        assertThat(render(JUNE_16).get("name").asString()).isEqualTo("back");
    }

    @Test
    void invoicesCarryTheCurrentCustomerName() {
        projection.apply(child(EntityKind.INVOICE, 3, C, 1, false, "inv"));
        projection.apply(customer(C, 1, "old"));
        assertThat(render(JUNE_16).get("invoicelist").get(0).get("customer_name").asString()).isEqualTo("old");
        projection.apply(customer(C, 2, "新名字 \"quoted\""));
        assertThat(render(JUNE_16).get("invoicelist").get(0).get("customer_name").asString()).isEqualTo("新名字 \"quoted\"");
    }

    @Test
    void childrenAreListedDefaultFirstThenByNumericId() {
        projection.apply(customer(C, 1, "c"));
        projection.apply(child(EntityKind.CONTACT, 100, C, 1, false, "a"));
        projection.apply(child(EntityKind.CONTACT, 9, C, 1, false, "b"));
        projection.apply(child(EntityKind.CONTACT, 50, C, 1, true, "c"));
        projection.apply(child(EntityKind.CONTACT, 20, C, 1, false, "d"));
        projection.apply(child(EntityKind.CONTACT, 5, C, 1, true, "e"));
        List<String> ids = new ArrayList<>();
        render(JUNE_16).get("contacts").forEach(c -> ids.add(c.get("id").asString()));
        assertThat(ids).containsExactly("5", "50", "9", "20", "100");
        assertThat(render(JUNE_16).get("total_infos").get("contacts").asString()).isEqualTo("5");
    }

    @Test
    void unknownCustomerMembersFollowTheKnownOnesInTheOrderReceived() {
        projection.apply(customer(C, 1, "c", Map.of("zz_first", "\"1\"")));
        projection.apply(customer(C, 2, "c", new java.util.LinkedHashMap<>(Map.of("zz_first", "\"1\"")) {{
            put("aa_second", "[1,{\"x\":null}]");
        }}));
        List<String> names = new ArrayList<>();
        render(JUNE_16).properties().forEach(e -> names.add(e.getKey()));
        int edit = names.indexOf("_can_edit_price_range");
        assertThat(names.subList(edit, edit + 4)).containsExactly("_can_edit_price_range", "zz_first", "aa_second", "contacts");
        assertThat(names).doesNotContain("mobile", "visit_plan");
        assertThat(names).containsSubsequence("id", "org_id", "name", "_cache_at", "total_infos", "_can_edit_area_id");
    }

    @Test
    void aMovedChildLeavesTheOldCustomerAndJoinsTheNewOne() {
        long other = 8;
        projection.apply(customer(C, 1, "c"));
        projection.apply(customer(other, 1, "o"));
        projection.apply(contact(1, C, 1));
        projection.apply(order(5, C, 1, JUNE_10, "3.00"));
        assertThat(projection.apply(contact(1, other, 2))).containsExactlyInAnyOrder(C, other);
        assertThat(projection.apply(order(5, other, 2, JUNE_10, "3.00"))).containsExactlyInAnyOrder(C, other);
        assertThat(projection.apply(contact(1, C, 1))).isEmpty();

        assertThat(render(JUNE_16).get("contacts")).isEmpty();
        assertThat(render(JUNE_16).get("purchase_amount").asString()).isEqualTo("0.00");
        JsonNode otherDoc = Contract.JSON.readTree(renderer.render(projection.customer(other).orElseThrow(), JUNE_16).orElseThrow());
        assertThat(otherDoc.get("contacts")).hasSize(1);
        assertThat(otherDoc.get("purchase_amount").asString()).isEqualTo("3.00");
    }

    @Test
    void theDocumentIsCompactUtf8() {
        projection.apply(customer(C, 1, "中文"));
        String text = new String(renderBytes(JUNE_16), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("\"name\":\"中文\"").doesNotContain("\\u").doesNotContain(" :").doesNotContain(": ");
        assertThat(text).contains("\"_cache_at\":" + JUNE_16.getEpochSecond() + ",");
    }

    private JsonNode render(Instant now) {
        return Contract.JSON.readTree(renderBytes(now));
    }

    private byte[] renderBytes(Instant now) {
        return renderer.render(projection.customer(C).orElseThrow(), now).orElseThrow();
    }
}
