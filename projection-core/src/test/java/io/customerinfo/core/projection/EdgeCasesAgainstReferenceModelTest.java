package io.customerinfo.core.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.support.Worlds;
import io.customerinfo.reference.Json;
import io.customerinfo.reference.Outcome;
import io.customerinfo.reference.ReferenceModel;

/**
 * Hand-written records the generated histories do not make, each given to the decoder and projection and to the
 * {@link ReferenceModel}: both must reject the same records and render the same documents (parsed JSON, member
 * order included).
 */
class EdgeCasesAgainstReferenceModelTest {

    private static final String CUSTOMER = "{\"id\":\"1\",\"name\":\"n\"}";
    private static final String ORDER = "{\"id\":\"5\",\"customer_id\":\"1\",\"sales_order_sn\":\"s\",\"amount\":\"1\","
            + "\"paid_amount\":\"0\",\"status\":\"open\",\"created_at\":\"1592210000\"}";

    /** One Kafka record: topic, key, value. */
    private record Rec(String topic, String key, String value) {
    }

    @Test
    void bothRejectTheSameRecords() {
        List<Rec> records = List.of(
                customer(1, "\"5\"", CUSTOMER),
                customer(1, "9223372036854775808", CUSTOMER),
                customer(1, "0", CUSTOMER),
                new Rec("crm.customer", "007", envelope("customer", "007", "007", "1", "{\"id\":\"007\",\"name\":\"n\"}")),
                customer(1, "1", "{\"id\":\"1\",\"name\":\"n\",\"total_infos\":[]}"),
                customer(1, "1", "{\"id\":\"1\",\"name\":5}"),
                customer(1, "1", "{\"name\":\"n\"}"),
                new Rec("crm.customer", "1", envelope("customer", "1", "1", "1", null).replace("}", ",\"data\":null}")),
                new Rec("crm.customer", "1", envelope("customer", "1", "1", "1", null).replace("}", ",\"x\":{\"a\":[1]}}")),
                new Rec("crm.customer", "1", envelope("customer", "1", "1", "1", CUSTOMER).replace("\"e1\"", "\"\"")),
                new Rec("crm.customer", "1", envelope("customer", "1", "1", "1", CUSTOMER).replace("\"occurred_at\":1", "\"occurred_at\":-1")),
                new Rec("crm.customer", "1", envelope("customer", "1", "1", "1", CUSTOMER).replace("\"occurred_at\":1", "\"occurred_at\":1.5")),
                new Rec("crm.customer", "1", envelope("customer", "1", "1", "1", CUSTOMER).replace("\"op\":\"upsert\"", "\"op\":\"upsert\",\"op\":\"delete\"")),
                new Rec("crm.customer", "1", "\uFEFF" + envelope("customer", "1", "1", "1", CUSTOMER)),
                new Rec("crm.customer", "1", " " + envelope("customer", "1", "1", "1", CUSTOMER) + "\n"),
                new Rec("crm.customer", "1", envelope("customer", "1", "1", "1", CUSTOMER) + "x"),
                new Rec("crm.customer", "1", "null"),
                new Rec("crm.customer", "1", ""),
                new Rec("crm.customer", "1", "[" + envelope("customer", "1", "1", "1", CUSTOMER) + "]"),
                new Rec("crm.customer", "1", "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}"),
                child("contact", "{\"id\":\"5\",\"customer_id\":\"1\",\"is_default\":\"2\"}"),
                child("contact", "{\"id\":\"5\",\"customer_id\":\"1\",\"is_default\":1}"),
                child("contact", "{\"id\":\"5\",\"is_default\":\"1\"}"),
                child("contact", "{\"id\":\"5\",\"customer_id\":\"2\",\"is_default\":\"1\"}"),
                child("order", ORDER),
                child("order", ORDER.replace("\"amount\":\"1\"", "\"amount\":\"1234567890123\"")),
                child("order", ORDER.replace("\"amount\":\"1\"", "\"amount\":\"01\"")),
                child("order", ORDER.replace("\"amount\":\"1\"", "\"amount\":\"1.\"")),
                child("order", ORDER.replace("\"amount\":\"1\"", "\"amount\":1")),
                child("order", ORDER.replace("\"1592210000\"", "\"1592210000000\"")),
                child("order", ORDER.replace("\"1592210000\"", "\"0\"")),
                child("order", ORDER.replace("\"status\":\"open\"", "\"status\":null")),
                child("order", ORDER.replace("\"sales_order_sn\":\"s\",", "")));
        EventDecoder decoder = new EventDecoder();
        for (Rec r : records) {
            DecodeResult core = decoder.decode(r.topic(), bytes(r.key()), bytes(r.value()));
            Outcome reference = new ReferenceModel().accept(r.topic(), bytes(r.key()), bytes(r.value()));
            assertThat(reference == Outcome.REJECTED).as("%s: core %s, reference model %s", r.value(), core, reference)
                    .isEqualTo(core instanceof DecodeResult.Rejected);
        }
    }

    @Test
    void invoiceRowsShowTheCustomersCurrentName() {
        assertSameDocument(customer(1, "1", CUSTOMER), new Rec("crm.invoice", "9", envelope("invoice", "9", "1", "1",
                "{\"id\":\"9\",\"customer_name\":\"old\",\"customer_id\":\"1\",\"is_default\":\"0\",\"z\":1}")));
    }

    @Test
    void customerRowsInAnyOrderWithDerivedAndUnknownMembers() {
        assertSameDocument(customer(1, "1", "{\"zzz\":1,\"name\":\"n\",\"contacts\":[1],\"_cache_at\":5,"
                + "\"order_amount\":\"9\",\"id\":\"1\",\"_can_edit_price_range\":1,\"aaa\":{\"b\":2},\"org_id\":\"1\"}"));
        assertSameDocument(customer(1, "1", "{\"id\":\"1\",\"name\":\"n\",\"total_infos\":{\"service\":\"0\",\"x\":\"1\","
                + "\"contacts\":\"7\",\"service3d\":\"1\"}}"));
        assertSameDocument(customer(1, "1", CUSTOMER));
    }

    @Test
    void ordersTiedOnCreatedAtAmountsWithoutDecimalsAndANegativeReceivable() {
        assertSameDocument(customer(1, "1", CUSTOMER),
                new Rec("crm.order", "5", envelope("order", "5", "1", "1", ORDER.replace("\"amount\":\"1\"", "\"amount\":\"560\""))),
                new Rec("crm.order", "7", envelope("order", "7", "1", "1", ORDER.replace("\"5\"", "\"7\"")
                        .replace("\"paid_amount\":\"0\"", "\"paid_amount\":\"900\""))));
    }

    @Test
    void escapesNumbersAndWhitespaceInPassedThroughRows() {
        assertSameDocument(customer(1, "1", "{ \"id\" : \"1\", \"name\":\"\\u4e2d\\/x\\u001f\", \"n1\": 1.50, \"n2\": 1E+2,"
                        + " \"n3\": -0, \"n4\": 123456789012345678901234567890, \"t\":true, \"nul\":null }"),
                new Rec("crm.contact", "3", envelope("contact", "3", "1", "1",
                        "{ \"id\":\"3\", \"customer_id\":\"1\", \"is_default\":\"1\", \"x\": 2.50e1 }")));
    }

    @Test
    void aSameVersionWithOtherContentAndADeletedThenRecreatedCustomer() {
        assertSameDocument(customer(1, "1", CUSTOMER), customer(1, "1", "{\"id\":\"1\",\"name\":\"other\"}"));
        assertSameDocument(child("contact", "{\"id\":\"5\",\"customer_id\":\"1\",\"is_default\":\"0\"}"),
                customer(1, "1", CUSTOMER), new Rec("crm.customer", "1", envelope("customer", "1", "1", "2", null)),
                customer(1, "3", CUSTOMER));
    }

    private static void assertSameDocument(Rec... records) {
        EventDecoder decoder = new EventDecoder();
        Projection projection = new Projection();
        ReferenceModel reference = new ReferenceModel();
        for (Rec r : records) {
            DecodeResult decoded = decoder.decode(r.topic(), bytes(r.key()), bytes(r.value()));
            assertThat(decoded).as(r.value()).isInstanceOf(DecodeResult.Decoded.class);
            projection.apply(((DecodeResult.Decoded) decoded).event());
            assertThat(reference.accept(r.topic(), bytes(r.key()), bytes(r.value()))).isNotEqualTo(Outcome.REJECTED);
        }
        Optional<String> core = projection.customer(1).flatMap(s -> new DocumentRenderer().render(s, Worlds.NOW)).map(Json::compact);
        assertThat(core).isPresent().isEqualTo(reference.document("1", Worlds.NOW).map(Json::compact));
    }

    private static Rec customer(long id, String version, String data) {
        return new Rec("crm.customer", Long.toString(id), envelope("customer", Long.toString(id), Long.toString(id), version, data));
    }

    /** A contact or order with id 5 of customer 1, version 1. */
    private static Rec child(String entity, String data) {
        return new Rec("crm." + entity, "5", envelope(entity, "5", "1", "1", data));
    }

    private static String envelope(String entity, String id, String customerId, String version, String data) {
        return "{\"event_id\":\"e1\",\"op\":\"" + (data == null ? "delete" : "upsert") + "\",\"entity\":\"" + entity
                + "\",\"id\":\"" + id + "\",\"customer_id\":\"" + customerId + "\",\"version\":" + version
                + ",\"occurred_at\":1" + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
