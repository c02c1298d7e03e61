package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.customerinfo.core.decode.DecodeResult.Decoded;
import io.customerinfo.core.decode.DecodeResult.Rejected;
import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.event.Op;
import io.customerinfo.core.support.Contract;
import tools.jackson.databind.node.ObjectNode;

class EventDecoderTest {

    private static final int CUSTOMER = 0;
    private static final int CONTACT = 1;
    private static final int INVOICE = 3;
    private static final int ORDER = 4;

    private static final Set<RejectReason> SEEN = EnumSet.noneOf(RejectReason.class);

    private final EventDecoder decoder = new EventDecoder();

    /** A mutation of one sample record and the reason the decoder must give. */
    static Stream<Arguments> rejections() {
        return Stream.of(
                reject(RejectReason.UNKNOWN_TOPIC, "topic crm.supplier", CONTACT, r -> r.topic = "crm.supplier"),
                reject(RejectReason.UNKNOWN_TOPIC, "null topic", CONTACT, r -> r.topic = null),
                reject(RejectReason.VALUE_TOO_LARGE, "1 MiB + 1", CONTACT, r -> r.value = padded(r.value, 1024 * 1024 + 1)),
                reject(RejectReason.INVALID_UTF8, "lone continuation byte", CONTACT, r -> r.value = replaceFirst(r.value, "古", new byte[] {(byte) 0x80})),
                reject(RejectReason.INVALID_UTF8, "truncated sequence", CONTACT, r -> r.value = replaceFirst(r.value, "古", new byte[] {(byte) 0xE5, (byte) 0x8F})),
                reject(RejectReason.INVALID_UTF8, "overlong NUL", CONTACT, r -> r.value = replaceFirst(r.value, "古", new byte[] {(byte) 0xC0, (byte) 0x80})),
                reject(RejectReason.INVALID_UTF8, "UTF-16 surrogate", CONTACT, r -> r.value = replaceFirst(r.value, "古", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})),
                reject(RejectReason.MALFORMED_JSON, "empty value", CONTACT, r -> r.value = new byte[0]),
                reject(RejectReason.MALFORMED_JSON, "truncated", CONTACT, r -> r.value = java.util.Arrays.copyOf(r.value, r.value.length - 3)),
                reject(RejectReason.MALFORMED_JSON, "trailing content", CONTACT, r -> r.value = concat(r.value, " {}")),
                reject(RejectReason.MALFORMED_JSON, "missing value", CONTACT, r -> r.value = "{\"op\":}".getBytes(StandardCharsets.UTF_8)),
                reject(RejectReason.MALFORMED_JSON, "broken after a schema violation", CONTACT,
                        r -> r.value = "{\"op\":\"merge\",\"data\":{\"id\":[1,}}".getBytes(StandardCharsets.UTF_8)),
                reject(RejectReason.MALFORMED_JSON, "nested too deep", CONTACT, r -> r.value = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8)),
                reject(RejectReason.SCHEMA_VIOLATION, "an array", CONTACT, r -> r.value = "[1,2]".getBytes(StandardCharsets.UTF_8)),
                reject(RejectReason.SCHEMA_VIOLATION, "a string", CONTACT, r -> r.value = "\"x\"".getBytes(StandardCharsets.UTF_8)),
                reject(RejectReason.SCHEMA_VIOLATION, "no event_id", CONTACT, r -> r.json().remove("event_id")),
                reject(RejectReason.SCHEMA_VIOLATION, "event_id an object", CONTACT, r -> r.json().putObject("event_id").put("a", 1)),
                reject(RejectReason.SCHEMA_VIOLATION, "op an array", CONTACT, r -> r.json().putArray("op").add("upsert")),
                reject(RejectReason.SCHEMA_VIOLATION, "id an object", CONTACT, r -> r.json().putObject("id")),
                reject(RejectReason.SCHEMA_VIOLATION, "empty event_id", CONTACT, r -> r.json().put("event_id", "")),
                reject(RejectReason.SCHEMA_VIOLATION, "unknown op", CONTACT, r -> r.json().put("op", "merge")),
                reject(RejectReason.SCHEMA_VIOLATION, "no entity", CONTACT, r -> r.json().remove("entity")),
                reject(RejectReason.SCHEMA_VIOLATION, "unknown entity", CONTACT, r -> r.json().put("entity", "supplier")),
                reject(RejectReason.SCHEMA_VIOLATION, "id with a leading zero", CONTACT, r -> r.idEverywhere("045973")),
                reject(RejectReason.SCHEMA_VIOLATION, "id as a number", CONTACT, r -> r.json().put("id", 45973)),
                reject(RejectReason.SCHEMA_VIOLATION, "customer_id not digits", CONTACT, r -> r.json().put("customer_id", "62640a")),
                reject(RejectReason.SCHEMA_VIOLATION, "no version", CONTACT, r -> r.json().remove("version")),
                reject(RejectReason.SCHEMA_VIOLATION, "negative occurred_at", CONTACT, r -> r.json().put("occurred_at", -1)),
                reject(RejectReason.SCHEMA_VIOLATION, "data is a string", CONTACT, r -> r.json().put("data", "row")),
                reject(RejectReason.SCHEMA_VIOLATION, "customer without name", CUSTOMER, r -> r.data().remove("name")),
                reject(RejectReason.SCHEMA_VIOLATION, "customer name not a string", CUSTOMER, r -> r.data().put("name", 1)),
                reject(RejectReason.SCHEMA_VIOLATION, "total_infos not an object", CUSTOMER, r -> r.data().put("total_infos", "1")),
                reject(RejectReason.SCHEMA_VIOLATION, "contact without is_default", CONTACT, r -> r.data().remove("is_default")),
                reject(RejectReason.SCHEMA_VIOLATION, "is_default 2", CONTACT, r -> r.data().put("is_default", "2")),
                reject(RejectReason.SCHEMA_VIOLATION, "contact without data.id", CONTACT, r -> r.data().remove("id")),
                reject(RejectReason.SCHEMA_VIOLATION, "invoice without customer_id", INVOICE, r -> r.data().remove("customer_id")),
                reject(RejectReason.SCHEMA_VIOLATION, "order without created_at", ORDER, r -> r.data().remove("created_at")),
                reject(RejectReason.SCHEMA_VIOLATION, "order created_at not digits", ORDER, r -> r.data().put("created_at", "2020-06-15")),
                reject(RejectReason.SCHEMA_VIOLATION, "order without amount", ORDER, r -> r.data().remove("amount")),
                reject(RejectReason.SCHEMA_VIOLATION, "order without status", ORDER, r -> r.data().remove("status")),
                reject(RejectReason.SCHEMA_VIOLATION, "order status an object", ORDER, r -> r.data().putObject("status").put("a", 1)),
                reject(RejectReason.SCHEMA_VIOLATION, "order data.id an array", ORDER, r -> r.data().putArray("id").add("1")),
                reject(RejectReason.SCHEMA_VIOLATION, "order without sales_order_sn", ORDER, r -> r.data().remove("sales_order_sn")),
                reject(RejectReason.ENTITY_TOPIC_MISMATCH, "contact on crm.address", CONTACT, r -> r.topic = "crm.address"),
                reject(RejectReason.ENTITY_TOPIC_MISMATCH, "order on crm.customer", ORDER, r -> r.topic = "crm.customer"),
                reject(RejectReason.UPSERT_WITHOUT_DATA, "no data", CONTACT, r -> r.json().remove("data")),
                reject(RejectReason.UPSERT_WITHOUT_DATA, "null data", CONTACT, r -> r.json().putNull("data")),
                reject(RejectReason.DELETE_WITH_DATA, "delete with a row", CONTACT, r -> r.json().put("op", "delete")),
                reject(RejectReason.DELETE_WITH_DATA, "delete with an empty object", CONTACT, r -> {
                    r.json().put("op", "delete");
                    r.json().putObject("data");
                }),
                reject(RejectReason.INVALID_VERSION, "version 0", CONTACT, r -> r.json().put("version", 0)),
                reject(RejectReason.INVALID_VERSION, "negative version", CONTACT, r -> r.json().put("version", -5)),
                reject(RejectReason.INVALID_VERSION, "fractional version", CONTACT, r -> r.json().put("version", 1.5)),
                reject(RejectReason.INVALID_VERSION, "version as a string", CONTACT, r -> r.json().put("version", "1592205870000")),
                reject(RejectReason.INVALID_VERSION, "version over 64 bits", CONTACT, r -> r.json().put("version", new java.math.BigInteger("18446744073709551616"))),
                reject(RejectReason.KEY_ID_MISMATCH, "another key", CONTACT, r -> r.key = "45974".getBytes(StandardCharsets.UTF_8)),
                reject(RejectReason.KEY_ID_MISMATCH, "null key", CONTACT, r -> r.key = null),
                reject(RejectReason.DATA_MISMATCH, "data.id differs", CONTACT, r -> r.data().put("id", "45974")),
                reject(RejectReason.DATA_MISMATCH, "data.customer_id differs", CONTACT, r -> r.data().put("customer_id", "1")),
                reject(RejectReason.DATA_MISMATCH, "customer naming another customer", CUSTOMER, r -> r.json().put("customer_id", "1")),
                reject(RejectReason.DATA_MISMATCH, "customer row naming another customer", CUSTOMER, r -> r.data().put("customer_id", "1")),
                reject(RejectReason.DATA_MISMATCH, "customer row with a numeric customer_id", CUSTOMER, r -> r.data().put("customer_id", 62640)),
                reject(RejectReason.INVALID_AMOUNT, "three decimals", ORDER, r -> r.data().put("amount", "1.005")),
                reject(RejectReason.INVALID_AMOUNT, "a number", ORDER, r -> r.data().put("amount", 560)),
                reject(RejectReason.INVALID_AMOUNT, "negative", ORDER, r -> r.data().put("amount", "-1.00")),
                reject(RejectReason.INVALID_AMOUNT, "leading zero", ORDER, r -> r.data().put("amount", "01.00")),
                reject(RejectReason.INVALID_AMOUNT, "thousands separator", ORDER, r -> r.data().put("amount", "1,000.00")),
                reject(RejectReason.INVALID_AMOUNT, "empty", ORDER, r -> r.data().put("amount", "")),
                reject(RejectReason.INVALID_AMOUNT, "trailing dot", ORDER, r -> r.data().put("amount", "5.")),
                reject(RejectReason.INVALID_AMOUNT, "13 integer digits", ORDER, r -> r.data().put("amount", "1000000000000")),
                reject(RejectReason.INVALID_AMOUNT, "bad paid_amount", ORDER, r -> r.data().put("paid_amount", "0.001")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejections")
    void rejectsWithTheReason(RejectReason expected, String what, int sample, Consumer<MutableRecord> mutation) {
        MutableRecord record = MutableRecord.sample(sample);
        mutation.accept(record);

        DecodeResult result = decoder.decode(record.topic, record.key, record.bytes());

        assertThat(result).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) result;
        assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(expected);
        assertThat(rejected.detail()).isNotBlank();
        SEEN.add(rejected.reason());
    }

    @AfterAll
    static void everyReasonIsExercised() {
        // amount_overflow is found when an order is applied, not when it is decoded (CustomerStateTest)
        assertThat(SEEN).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(RejectReason.AMOUNT_OVERFLOW)));
    }

    @Test
    void reasonCodesAreStableAndDistinct() {
        assertThat(RejectReason.MALFORMED_JSON.code()).isEqualTo("malformed_json");
        assertThat(Stream.of(RejectReason.values()).map(RejectReason::code).distinct()).hasSize(RejectReason.values().length);
    }

    @Test
    void aNullValueIsATombstone() {
        assertThat(decoder.decode("crm.contact", "45973".getBytes(StandardCharsets.UTF_8), null))
                .isSameAs(DecodeResult.Tombstone.INSTANCE);
    }

    @Test
    void theSampleEventsDecode() {
        List<Contract.Record> records = Contract.sampleRecords();
        for (Contract.Record r : records) {
            assertThat(decoder.decode(r.topic(), r.key(), r.value())).isInstanceOf(Decoded.class);
        }
        ChangeEvent order = decoded(MutableRecord.sample(ORDER));
        assertThat(order.kind()).isEqualTo(EntityKind.ORDER);
        assertThat(order.op()).isEqualTo(Op.UPSERT);
        assertThat(order.id()).isEqualTo(880001);
        assertThat(order.customerId()).isEqualTo(62640);
        assertThat(order.version()).isEqualTo(1590650000000L);
        assertThat(order.occurredAt()).isEqualTo(1590650000000L);
        assertThat(order.eventId()).isEqualTo("0b0f7a6e-62640-0005-0000-000000000001");
        assertThat(order.orderData().createdAt()).isEqualTo(1590650000L);
        assertThat(order.orderData().amountCents()).isEqualTo(56000);
        assertThat(order.orderData().paidAmountCents()).isEqualTo(56000);
        assertThat(order.orderData().salesOrderSn()).isEqualTo("SO20200528000117");
        assertThat(order.orderData().status()).isEqualTo("paid");
        assertThat(decoded(MutableRecord.sample(CONTACT)).childData().isDefault()).isTrue();
        assertThat(decoded(MutableRecord.sample(INVOICE)).childData().isDefault()).isFalse();
    }

    @Test
    void aDeleteDecodesWithoutData() {
        MutableRecord record = MutableRecord.sample(CONTACT);
        record.json().put("op", "delete");
        record.json().remove("data");
        ChangeEvent event = decoded(record);
        assertThat(event.isDelete()).isTrue();
        assertThat(event.data()).isNull();

        record.json().putNull("data");
        assertThat(decoded(record).isDelete()).isTrue();
    }

    @Test
    void aCustomerRowNamingItselfAsCustomerIdKeepsTheMember() {
        MutableRecord record = MutableRecord.sample(CUSTOMER);
        record.data().put("customer_id", "62640");

        ChangeEvent event = decoded(record);

        assertThat(event.customerId()).isEqualTo(62640);
        assertThat(new String(event.customerData().members().get("customer_id"), StandardCharsets.UTF_8))
                .isEqualTo("\"62640\"");
    }

    @Test
    void theCustomerRowKeepsUnknownMembersInOrderAndDropsDerivedOnes() {
        MutableRecord record = MutableRecord.sample(CUSTOMER);
        record.data().put("zz_new_column", "z");
        record.data().put("orderlist", "[]");
        record.data().put("_cache_at", 1);
        record.data().put("aa_newer_column", 7);

        ChangeEvent event = decoded(record);

        List<String> names = List.copyOf(event.customerData().members().keySet());
        assertThat(names).endsWith("_can_edit_price_range", "zz_new_column", "aa_newer_column");
        assertThat(names).doesNotContain("orderlist", "_cache_at");
        assertThat(new String(event.customerData().members().get("aa_newer_column"), StandardCharsets.UTF_8)).isEqualTo("7");
        assertThat(new String(event.customerData().members().get("visit_plan"), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void rowsAreStoredCompactWithoutEscapingChinese() {
        String spaced = "{ \"event_id\" : \"e1\", \"op\" : \"upsert\", \"entity\" : \"contact\", \"id\" : \"7\",\n"
                + " \"customer_id\" : \"9\", \"version\" : 3, \"occurred_at\" : 3,\n"
                + " \"data\" : { \"id\" : \"7\", \"customer_id\" : \"9\", \"name\" : \"\\u53e4 \\\"x\\\"\", \"is_default\" : \"0\", \"n\" : 1.50 } }";
        ChangeEvent event = ((Decoded) decoder.decode("crm.contact", "7".getBytes(StandardCharsets.UTF_8),
                spaced.getBytes(StandardCharsets.UTF_8))).event();
        assertThat(new String(event.childData().json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"7\",\"customer_id\":\"9\",\"name\":\"古 \\\"x\\\"\",\"is_default\":\"0\",\"n\":1.50}");
    }

    @Test
    void anInvoiceLosesItsOwnCustomerName() {
        MutableRecord record = MutableRecord.sample(INVOICE);
        record.data().put("customer_name", "old name");
        assertThat(new String(decoded(record).childData().json(), StandardCharsets.UTF_8)).doesNotContain("customer_name");
    }

    @Test
    void amountsAreExactCents() {
        MutableRecord record = MutableRecord.sample(ORDER);
        record.data().put("amount", "0.1");
        record.data().put("paid_amount", "1000000000.99");
        ChangeEvent event = decoded(record);
        assertThat(event.orderData().amountCents()).isEqualTo(10);
        assertThat(event.orderData().paidAmountCents()).isEqualTo(100000000099L);
    }

    /**
     * Deep nesting is the parser's limit (a JacksonException), not a StackOverflowError: in the envelope
     * (skipped), in a customer row and a child row (copied member by member), far beyond the limit.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"envelope member, 1, '{\"event_id\"', '{\"deep\":%s,\"event_id\"'",
            "customer row member, 0, '\"data\":{', '\"data\":{\"deep\":%s,'",
            "contact row member, 1, '\"data\":{', '\"data\":{\"deep\":%s,'",
            "envelope data, 1, '\"data\":{', '\"data\":%s,\"x\":{'"})
    void valuesNestedTooDeepAreMalformedJson(String where, int sample, String find, String replace) {
        MutableRecord record = MutableRecord.sample(sample);
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        byte[] value = replaceFirst(record.value, find, replace.formatted(nested).getBytes(StandardCharsets.UTF_8));

        DecodeResult result = decoder.decode(record.topic, record.key, value);

        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).as(((Rejected) result).detail()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(((Rejected) result).detail()).contains("nesting depth");
    }

    @Test
    void topicsAndSizeLimitAreConfigurable() {
        EventDecoder custom = new EventDecoder(Map.of("contacts-v2", EntityKind.CONTACT), 64);
        MutableRecord record = MutableRecord.sample(CONTACT);
        assertThat(custom.decode("crm.contact", record.key, record.bytes())).isInstanceOf(Rejected.class)
                .extracting(r -> ((Rejected) r).reason()).isEqualTo(RejectReason.UNKNOWN_TOPIC);
        assertThat(custom.decode("contacts-v2", record.key, record.bytes()))
                .extracting(r -> ((Rejected) r).reason()).isEqualTo(RejectReason.VALUE_TOO_LARGE);
        assertThat(new EventDecoder(Map.of("contacts-v2", EntityKind.CONTACT), 1 << 20)
                .decode("contacts-v2", record.key, record.bytes())).isInstanceOf(Decoded.class);
    }

    private ChangeEvent decoded(MutableRecord record) {
        DecodeResult result = decoder.decode(record.topic, record.key, record.bytes());
        assertThat(result).isInstanceOf(Decoded.class);
        return ((Decoded) result).event();
    }

    private static Arguments reject(RejectReason reason, String what, int sample, Consumer<MutableRecord> mutation) {
        return Arguments.of(reason, what, sample, mutation);
    }

    private static byte[] padded(byte[] value, int size) {
        String json = new String(value, StandardCharsets.UTF_8);
        String pad = ",\"pad\":\"" + "x".repeat(Math.max(0, size - value.length - 9)) + "\"}";
        return (json.substring(0, json.length() - 1) + pad).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replaceFirst(byte[] value, String text, byte[] replacement) {
        byte[] find = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + find.length <= value.length; i++) {
            if (java.util.Arrays.equals(value, i, i + find.length, find, 0, find.length)) {
                byte[] out = new byte[value.length - find.length + replacement.length];
                System.arraycopy(value, 0, out, 0, i);
                System.arraycopy(replacement, 0, out, i, replacement.length);
                System.arraycopy(value, i + find.length, out, i + replacement.length, value.length - i - find.length);
                return out;
            }
        }
        throw new IllegalArgumentException("'" + text + "' not in the value");
    }

    private static byte[] concat(byte[] value, String suffix) {
        return (new String(value, StandardCharsets.UTF_8) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    /** A sample record that tests mutate: either its JSON or its raw bytes. */
    static final class MutableRecord {
        String topic;
        byte[] key;
        byte[] value;
        private ObjectNode json;

        static MutableRecord sample(int index) {
            Contract.Record r = Contract.sampleRecords().get(index);
            MutableRecord m = new MutableRecord();
            m.topic = r.topic();
            m.key = r.key();
            m.value = r.value();
            return m;
        }

        ObjectNode json() {
            if (json == null) {
                json = (ObjectNode) Contract.JSON.readTree(value);
            }
            return json;
        }

        ObjectNode data() {
            return (ObjectNode) json().get("data");
        }

        void idEverywhere(String id) {
            json().put("id", id);
            data().put("id", id);
            key = id.getBytes(StandardCharsets.UTF_8);
        }

        byte[] bytes() {
            return json == null ? value : Contract.JSON.writeValueAsBytes(json);
        }
    }
}
