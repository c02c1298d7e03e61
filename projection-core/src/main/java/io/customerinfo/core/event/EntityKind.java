package io.customerinfo.core.event;

/** The five CRM entities that feed one customer's document. */
public enum EntityKind {
    CUSTOMER("customer"),
    CONTACT("contact"),
    ADDRESS("address"),
    INVOICE("invoice"),
    ORDER("order");

    private final String wireName;

    EntityKind(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the event's {@code entity} field, also the prefix of Redis hash fields. */
    public String wireName() {
        return wireName;
    }

    /** Contacts, addresses, invoices and orders belong to a customer and can move between customers. */
    public boolean isChild() {
        return this != CUSTOMER;
    }

    /** The kind for an {@code entity} value, or {@code null} when it names no known kind. */
    public static EntityKind fromWireName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "customer" -> CUSTOMER;
            case "contact" -> CONTACT;
            case "address" -> ADDRESS;
            case "invoice" -> INVOICE;
            case "order" -> ORDER;
            default -> null;
        };
    }
}
