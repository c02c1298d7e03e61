package io.customerinfo.readmodel;

import java.nio.charset.StandardCharsets;

/**
 * Where a customer's state keeps each entity, and the version an entity's stored record carries: the part of
 * the state layout (projection-core/API.md, "Byte formats") that a reader needs to tell whether the document
 * committed with that state reflects a given change. The customer record is field {@code customer} of
 * {@code ents}; a contact, address or invoice is {@code <entity>:<id>} of {@code ents}; an order is {@code <id>}
 * of {@code orders}. Every record, live or tombstone, starts with one letter and the entity's version in ASCII
 * decimal ({@code T17}, {@code L17|...}, {@code R17|...}).
 */
public final class StateFields {

    /** The {@code ents} field of the customer record. */
    public static final String CUSTOMER = "customer";

    private StateFields() {
    }

    /** Which of a customer's state hashes holds an entity, and under which field. */
    public record Location(boolean orders, String field) {

        public byte[] fieldBytes() {
            return field.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Where the state keeps {@code entity} (the event format's wire name) {@code id}.
     *
     * @throws IllegalArgumentException for an entity the event format does not name
     */
    public static Location locate(String entity, long id) {
        return switch (entity) {
            case "customer" -> new Location(false, CUSTOMER);
            case "contact", "address", "invoice" -> new Location(false, childField(entity, id));
            case "order" -> new Location(true, orderField(id));
            default -> throw new IllegalArgumentException("no such entity '" + entity + "'");
        };
    }

    /** The {@code ents} field of a contact, address or invoice: {@code <entity>:<id>}. */
    public static String childField(String entity, long id) {
        return entity + ":" + id;
    }

    /** The {@code orders} field of an order: its id. */
    public static String orderField(long id) {
        return Long.toString(id);
    }

    /**
     * The version an entity's stored record (live or tombstone) carries.
     *
     * @throws IllegalArgumentException when {@code record} does not start with a letter and a version
     */
    public static long version(byte[] record) {
        if (record.length < 2 || record[0] < 'A' || record[0] > 'Z') {
            throw new IllegalArgumentException("a state record starts with a letter and its version");
        }
        long version = 0;
        int i = 1;
        for (; i < record.length && record[i] != '|'; i++) {
            int digit = record[i] - '0';
            if (digit < 0 || digit > 9 || i > 19) {
                throw new IllegalArgumentException("a state record's version is 1 to 19 ASCII digits");
            }
            version = version * 10 + digit;
        }
        if (i == 1) {
            throw new IllegalArgumentException("a state record's version is 1 to 19 ASCII digits");
        }
        return version;
    }
}
