package io.customerinfo.reference;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides whether one Kafka record is a change event the contract allows, and reads it. The rules are the
 * contract's (README "Input: change events on Kafka") and its JSON Schemas ({@code event.schema.json}, the
 * {@code *-data.schema.json} files, {@code common.schema.json}), restated here one by one.
 */
final class RecordCheck {

    /** event.schema.json: "the value is valid UTF-8 and at most 1 MiB". */
    static final int MAX_VALUE_BYTES = 1024 * 1024;

    private static final Pattern ID = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("0|[1-9][0-9]{0,11}");
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?");
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Either a change or the reason the record is not one; both null for a tombstone. */
    record Verdict(Change change, String reason, String detail) {

        boolean isTombstone() {
            return change == null && reason == null;
        }
    }

    /** Thrown inside a check with the reason it fails; never leaves this class. */
    private static final class Invalid extends RuntimeException {
        private final String reason;

        Invalid(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    private final Map<String, Entity> topics;

    RecordCheck(Map<String, Entity> topics) {
        this.topics = Map.copyOf(topics);
    }

    Verdict check(String topic, byte[] key, byte[] value) {
        try {
            Change change = read(topic, key, value);
            return new Verdict(change, null, null);
        } catch (Invalid e) {
            return new Verdict(null, e.reason, e.getMessage());
        }
    }

    private Change read(String topic, byte[] key, byte[] value) {
        Entity topicEntity = topics.get(topic);
        if (topicEntity == null) {
            throw new Invalid("unknown_topic", "topic " + topic + " carries no entity");
        }
        if (value == null) {
            return null;
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new Invalid("value_too_large", value.length + " bytes");
        }
        if (!isUtf8(value)) {
            throw new Invalid("invalid_utf8", "value is not UTF-8");
        }
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw new Invalid("malformed_json", e.getOriginalMessage());
        }
        if (event == null || event.isMissingNode()) {
            throw new Invalid("malformed_json", "no JSON value");
        }
        if (!event.isObject()) {
            throw schema("the event is not an object");
        }
        requireString(event, "event_id", 1);
        String op = requireString(event, "op", 0);
        if (!op.equals("upsert") && !op.equals("delete")) {
            throw schema("op " + op);
        }
        Entity entity = Entity.ofWireName(requireString(event, "entity", 0));
        if (entity == null) {
            throw schema("entity " + event.get("entity"));
        }
        String id = requirePattern(event, "id", ID);
        String customerId = requirePattern(event, "customer_id", ID);
        long version = requireInteger(event, "version", 1);
        requireInteger(event, "occurred_at", 0);
        JsonNode data = event.get("data");
        ObjectNode row = null;
        if (op.equals("upsert")) {
            if (data == null || !data.isObject()) {
                throw schema("an upsert needs a data object");
            }
            row = (ObjectNode) data;
            checkRow(entity, row);
        } else if (data != null && !data.isNull()) {
            throw schema("a delete carries no data");
        }
        if (entity != topicEntity) {
            throw new Invalid("entity_topic_mismatch", entity.wireName() + " on " + topic);
        }
        if (key == null || !id.equals(new String(key, StandardCharsets.UTF_8))) {
            throw new Invalid("key_id_mismatch", "key " + (key == null ? null : new String(key, StandardCharsets.UTF_8))
                    + " for id " + id);
        }
        if (entity == Entity.CUSTOMER && !customerId.equals(id)) {
            throw new Invalid("data_mismatch", "customer " + id + " names customer_id " + customerId);
        }
        if (row != null) {
            if (!row.get("id").asString().equals(id)) {
                throw new Invalid("data_mismatch", "data.id " + row.get("id") + " for id " + id);
            }
            JsonNode rowCustomer = row.get("customer_id");
            if (rowCustomer != null && !(rowCustomer.isString() && rowCustomer.asString().equals(customerId))) {
                throw new Invalid("data_mismatch", "data.customer_id " + rowCustomer + " for customer_id " + customerId);
            }
        }
        return new Change(entity, id, customerId, version, row);
    }

    /** The {@code *-data.schema.json} of each entity: required members and their types; extra members allowed. */
    private static void checkRow(Entity entity, ObjectNode row) {
        requirePattern(row, "id", ID);
        switch (entity) {
            case CUSTOMER -> {
                requireString(row, "name", 0);
                JsonNode totals = row.get("total_infos");
                if (totals != null && !totals.isObject()) {
                    throw schema("data.total_infos is not an object");
                }
            }
            case CONTACT, ADDRESS, INVOICE -> {
                requirePattern(row, "customer_id", ID);
                requireFlag(row, "is_default");
            }
            case ORDER -> {
                requirePattern(row, "customer_id", ID);
                requireString(row, "sales_order_sn", 0);
                requirePattern(row, "amount", AMOUNT);
                requirePattern(row, "paid_amount", AMOUNT);
                requireString(row, "status", 0);
                requirePattern(row, "created_at", EPOCH_SECONDS);
            }
        }
    }

    private static String requireString(JsonNode node, String name, int minLength) {
        JsonNode member = node.get(name);
        if (member == null || !member.isString() || member.asString().length() < minLength) {
            throw schema(name + " is not a string of at least " + minLength + " characters: " + member);
        }
        return member.asString();
    }

    private static String requirePattern(JsonNode node, String name, Pattern pattern) {
        String text = requireString(node, name, 0);
        if (!pattern.matcher(text).matches()) {
            throw schema(name + " " + text + " does not match " + pattern);
        }
        return text;
    }

    private static void requireFlag(JsonNode node, String name) {
        String text = requireString(node, name, 0);
        if (!text.equals("0") && !text.equals("1")) {
            throw schema(name + " " + text + " is not \"0\" or \"1\"");
        }
    }

    /** A JSON Schema integer: a number with no fractional part (1.0 is the integer 1), here within 64 bits. */
    private static long requireInteger(JsonNode node, String name, long minimum) {
        JsonNode member = node.get(name);
        if (member == null || !member.isNumber()) {
            throw schema(name + " is not a number: " + member);
        }
        BigDecimal value = member.decimalValue();
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw schema(name + " " + value + " is not an integer");
        }
        if (value.compareTo(BigDecimal.valueOf(minimum)) < 0 || value.compareTo(LONG_MAX) > 0) {
            throw schema(name + " " + value + " is outside [" + minimum + ", 2^63-1]");
        }
        return value.longValueExact();
    }

    private static Invalid schema(String detail) {
        return new Invalid("schema_violation", detail);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
