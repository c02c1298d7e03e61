package io.customerinfo.simulator;

import java.util.Locale;

/** The five CRM entities, as named in an event's {@code entity} field. */
public enum Entity {
    CUSTOMER, CONTACT, ADDRESS, INVOICE, ORDER;

    /** {@code customer}, {@code contact}, ...: the value of the event's {@code entity} field. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
