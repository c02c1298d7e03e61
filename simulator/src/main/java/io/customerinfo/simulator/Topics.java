package io.customerinfo.simulator;

import java.util.List;
import java.util.Objects;

/** Topic name per entity. Defaults as in the contract: {@code crm.customer}, {@code crm.contact}, ... */
public record Topics(String customer, String contact, String address, String invoice, String order) {

    public Topics {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(order, "order");
    }

    public static Topics defaults() {
        return withPrefix("crm.");
    }

    /** {@code prefix + "customer"}, {@code prefix + "contact"}, ... */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + "customer", prefix + "contact", prefix + "address", prefix + "invoice",
                prefix + "order");
    }

    public String of(Entity entity) {
        return switch (entity) {
            case CUSTOMER -> customer;
            case CONTACT -> contact;
            case ADDRESS -> address;
            case INVOICE -> invoice;
            case ORDER -> order;
        };
    }

    public List<String> all() {
        return List.of(customer, contact, address, invoice, order);
    }

    public Entity entityOf(String topic) {
        for (Entity e : Entity.values()) {
            if (of(e).equals(topic)) {
                return e;
            }
        }
        throw new IllegalArgumentException("not one of the CRM topics " + all() + ": " + topic);
    }
}
