package io.customerinfo.core.decode;

/**
 * Why a record cannot become a change event. {@link #code()} is stable: it is written in the
 * dead-letter header and may be counted by dashboards, so never rename one.
 */
public enum RejectReason {
    /** The topic is not one of the configured entity topics. */
    UNKNOWN_TOPIC("unknown_topic"),
    /** The value is larger than the configured limit (default 1 MiB). */
    VALUE_TOO_LARGE("value_too_large"),
    /** The value is not valid UTF-8. */
    INVALID_UTF8("invalid_utf8"),
    /** The value is not one well-formed JSON document. */
    MALFORMED_JSON("malformed_json"),
    /** The JSON does not match the event schema (missing or mistyped field, unknown op or entity). */
    SCHEMA_VIOLATION("schema_violation"),
    /** The event's {@code entity} is not the entity of the topic it was published on. */
    ENTITY_TOPIC_MISMATCH("entity_topic_mismatch"),
    /** {@code op} is upsert but there is no {@code data} object. */
    UPSERT_WITHOUT_DATA("upsert_without_data"),
    /** {@code op} is delete but a {@code data} value is present. */
    DELETE_WITH_DATA("delete_with_data"),
    /** {@code version} is present but not a positive integer that fits in 64 bits. */
    INVALID_VERSION("invalid_version"),
    /** The record key is not the event's {@code id}. */
    KEY_ID_MISMATCH("key_id_mismatch"),
    /** {@code data.id} / {@code data.customer_id} differ from the envelope, or a customer names another customer. */
    DATA_MISMATCH("data_mismatch"),
    /** An order amount is not a decimal string with at most two decimals. */
    INVALID_AMOUNT("invalid_amount"),
    /**
     * The order is valid, but applying it would take a sum of its customer (receivable, a month's purchases)
     * beyond 64-bit cents; found when it is projected, not when it is decoded.
     */
    AMOUNT_OVERFLOW("amount_overflow");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
