package io.customerinfo.simulator;

/**
 * The ways a record is made unusable on purpose. A correct consumer dead-letters each of them, never applies
 * it. Poison records use keys outside the range of real entity ids, so that they never compact away a real
 * entity's record; where the payload names a real customer, applying it by mistake changes that customer's
 * document, so a test notices.
 */
public enum PoisonKind {
    /** Not JSON: a real event cut short. */
    MALFORMED_JSON,
    /** JSON whose bytes are not UTF-8 (a Latin-1 byte inside a string). */
    NON_UTF8,
    /** Well-formed event without its {@code id}. */
    SCHEMA_INVALID,
    /** A contact event on the order topic. */
    WRONG_ENTITY_FOR_TOPIC,
    /** An upsert with {@code version} -1. */
    NEGATIVE_VERSION,
    /** A valid contact upsert of 2 MiB (a huge remark). */
    OVERSIZED,
    /** Record key differs from the event's {@code id} (the event itself is valid, for a real order). */
    KEY_ID_MISMATCH,
    /** An order whose amount has three decimals. */
    BAD_AMOUNT
}
