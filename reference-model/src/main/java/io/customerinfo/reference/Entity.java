package io.customerinfo.reference;

/** The five kinds of CRM entity the contract's topics carry, by the name an event's {@code entity} gives. */
public enum Entity {
    CUSTOMER("customer"),
    CONTACT("contact"),
    ADDRESS("address"),
    INVOICE("invoice"),
    ORDER("order");

    private final String wireName;

    Entity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Entity ofWireName(String name) {
        for (Entity e : values()) {
            if (e.wireName.equals(name)) {
                return e;
            }
        }
        return null;
    }
}
