package io.customerinfo.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The contract's rules one at a time, on small hand-written records. */
class ContractRulesTest {

    private static final Instant NOW = ContractFiles.GOLDEN_NOW;

    private final ReferenceModel model = new ReferenceModel();

    @Test
    void aHigherVersionSupersedesAndANotHigherOneChangesNothing() {
        assertEquals(Outcome.APPLIED, accept("crm.customer", "1", customer(1, 5, "five")));
        assertEquals(Outcome.STALE, accept("crm.customer", "1", customer(1, 5, "five again")));
        assertEquals(Outcome.STALE, accept("crm.customer", "1", customer(1, 4, "four")));
        assertEquals("five", doc(1).get("name").asString());
        assertEquals(Outcome.APPLIED, accept("crm.customer", "1", customer(1, 6, "six")));
        assertEquals("six", doc(1).get("name").asString());
    }

    @Test
    void aDeleteIsNotResurrectedByAnOlderUpsert() {
        accept("crm.customer", "1", customer(1, 1, "c"));
        accept("crm.contact", "10", delete("contact", 10, 1, 7));
        assertEquals(Outcome.STALE, accept("crm.contact", "10", child("contact", 10, 1, 6, "0")));
        assertEquals(0, doc(1).get("contacts").size());
        accept("crm.customer", "1", delete("customer", 1, 1, 2));
        assertEquals(Outcome.STALE, accept("crm.customer", "1", customer(1, 1, "c")));
        assertTrue(model.document("1", NOW).isEmpty());
    }

    @Test
    void aChildMovesWithItsLatestCustomerId() {
        accept("crm.customer", "1", customer(1, 1, "one"));
        accept("crm.customer", "2", customer(2, 1, "two"));
        accept("crm.invoice", "10", child("invoice", 10, 1, 1, "0"));
        accept("crm.order", "20", order(20, 1, 1, "10.00", "4.00", "open"));
        accept("crm.invoice", "10", child("invoice", 10, 2, 2, "0"));
        accept("crm.order", "20", order(20, 2, 2, "10.00", "4.00", "open"));
        assertEquals(0, doc(1).get("invoicelist").size());
        assertEquals("0.00", doc(1).get("order_amount").asString());
        assertEquals("two", doc(2).get("invoicelist").get(0).get("customer_name").asString());
        assertEquals("6.00", doc(2).get("order_amount").asString());
        assertEquals("1", doc(2).get("total_infos").get("orders").asString());
    }

    @Test
    void aCustomerDeletedAndRecreatedFindsItsChildrenAgain() {
        accept("crm.contact", "10", child("contact", 10, 1, 1, "0"));
        assertTrue(model.document("1", NOW).isEmpty(), "no document before the customer event");
        accept("crm.customer", "1", customer(1, 1, "c"));
        accept("crm.customer", "1", delete("customer", 1, 1, 2));
        assertTrue(model.document("1", NOW).isEmpty());
        accept("crm.customer", "1", customer(1, 3, "again"));
        assertEquals(1, doc(1).get("contacts").size());
    }

    @Test
    void listsPutTheDefaultFirstThenSortByNumericId() {
        accept("crm.customer", "1", customer(1, 1, "c"));
        accept("crm.address", "100", child("address", 100, 1, 1, "0"));
        accept("crm.address", "9", child("address", 9, 1, 1, "0"));
        accept("crm.address", "50", child("address", 50, 1, 1, "1"));
        List<String> ids = new ArrayList<>();
        doc(1).get("addresslist").forEach(a -> ids.add(a.get("id").asString()));
        assertEquals(List.of("50", "9", "100"), ids);
    }

    @Test
    void recordsTheContractDoesNotAllowAreRejected() {
        assertEquals(Outcome.TOMBSTONE, model.accept("crm.contact", bytes("10"), null));
        assertRejected("crm.unknown", "1", customer(1, 1, "c"), "unknown_topic");
        assertRejected("crm.customer", "1", "{\"event_id\":", "malformed_json");
        assertRejected("crm.customer", "1", customer(1, 1, "c") + " {}", "malformed_json");
        assertRejected("crm.customer", "1", customer(1, 0, "c"), "schema_violation");
        assertRejected("crm.customer", "1", customer(1, -3, "c"), "schema_violation");
        assertRejected("crm.customer", "2", customer(1, 1, "c"), "key_id_mismatch");
        assertRejected("crm.contact", "1", customer(1, 1, "c"), "entity_topic_mismatch");
        assertRejected("crm.order", "20", order(20, 1, 1, "1.234", "0", "open"), "schema_violation");
        assertRejected("crm.contact", "10", child("contact", 10, 1, 1, "0").replace("\"customer_id\":\"1\",\"version\"",
                "\"customer_id\":\"2\",\"version\""), "data_mismatch");
        assertRejected("crm.contact", "10", delete("contact", 10, 1, 1).replace("}", ",\"data\":{}}"), "schema_violation");
        byte[] notUtf8 = customer(1, 1, "c").getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 3] = (byte) 0xC3;
        assertEquals(Outcome.REJECTED, model.accept("crm.customer", bytes("1"), notUtf8));
        assertEquals("invalid_utf8", last().reason());
        assertEquals(Outcome.REJECTED, model.accept("crm.customer", bytes("1"), new byte[RecordCheck.MAX_VALUE_BYTES + 1]));
        assertEquals("value_too_large", last().reason());
        assertFalse(model.customerIds().contains("2"));
    }

    /** event.schema.json: "data.customer_id equals customer_id (for a customer: customer_id equals id)". */
    @Test
    void aCustomerRowNamingAnotherCustomerIdIsRejected() {
        assertRejected("crm.customer", "1", customer(1, 1, "c").replace("\"name\":\"c\"", "\"name\":\"c\",\"customer_id\":\"2\""),
                "data_mismatch");
        assertEquals(Outcome.APPLIED, accept("crm.customer", "1",
                customer(1, 1, "c").replace("\"name\":\"c\"", "\"name\":\"c\",\"customer_id\":\"1\"")));
    }

    /** event.schema.json's version is a JSON Schema integer: 1.0 and 1e3 are integers there. */
    @Test
    void aVersionWrittenWithAZeroFractionIsAnInteger() {
        assertEquals(Outcome.APPLIED, accept("crm.customer", "1", customer(1, 1, "c").replace("\"version\":1,", "\"version\":1.0,")));
        assertEquals(Outcome.APPLIED, accept("crm.customer", "1", customer(1, 1, "c").replace("\"version\":1,", "\"version\":1e3,")));
        assertEquals(Outcome.STALE, accept("crm.customer", "1", customer(1, 1000, "c")));
        assertRejected("crm.customer", "1", customer(1, 1, "c").replace("\"version\":1,", "\"version\":1.5,"), "schema_violation");
    }

    private void assertRejected(String topic, String key, String value, String reason) {
        assertEquals(Outcome.REJECTED, accept(topic, key, value), value);
        assertEquals(reason, last().reason(), last().toString());
    }

    private Rejection last() {
        return model.rejected().get(model.rejected().size() - 1);
    }

    private Outcome accept(String topic, String key, String value) {
        return model.accept(topic, bytes(key), bytes(value));
    }

    private JsonNode doc(long customer) {
        return model.document(Long.toString(customer), NOW).orElseThrow();
    }

    private static String envelope(String entity, long id, long customer, long version, String data) {
        return "{\"event_id\":\"e-" + entity + id + "-" + version + "\",\"op\":\"" + (data == null ? "delete" : "upsert")
                + "\",\"entity\":\"" + entity + "\",\"id\":\"" + id + "\",\"customer_id\":\"" + customer
                + "\",\"version\":" + version + ",\"occurred_at\":" + Math.max(0, version)
                + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    private static String customer(long id, long version, String name) {
        return envelope("customer", id, id, version, "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}");
    }

    private static String child(String entity, long id, long customer, long version, String isDefault) {
        return envelope(entity, id, customer, version, "{\"id\":\"" + id + "\",\"customer_id\":\"" + customer
                + "\",\"is_default\":\"" + isDefault + "\"}");
    }

    private static String order(long id, long customer, long version, String amount, String paid, String status) {
        return envelope("order", id, customer, version, "{\"id\":\"" + id + "\",\"customer_id\":\"" + customer
                + "\",\"sales_order_sn\":\"SO" + id + "\",\"amount\":\"" + amount + "\",\"paid_amount\":\"" + paid
                + "\",\"status\":\"" + status + "\",\"created_at\":\"1592210000\"}");
    }

    private static String delete(String entity, long id, long customer, long version) {
        return envelope(entity, id, customer, version, null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
