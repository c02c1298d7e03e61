package io.customerinfo.core.event;

/**
 * One decoded change of one entity, as the CRM published it.
 *
 * @param id          the entity's own id (the record key)
 * @param customerId  the owning customer named by this version (equals {@code id} for a customer)
 * @param version     positive; a higher version supersedes a lower one
 * @param occurredAt  epoch millisecond of the change at the source
 * @param data        the row for an upsert, {@code null} for a delete
 */
public record ChangeEvent(String eventId, Op op, EntityKind kind, long id, long customerId, long version,
                          long occurredAt, EntityData data) {

    public ChangeEvent {
        if (eventId == null || op == null || kind == null) {
            throw new IllegalArgumentException("eventId, op and kind are required");
        }
        if (version <= 0) {
            throw new IllegalArgumentException("version must be positive: " + version + " for " + kind.wireName() + " " + id);
        }
        if ((op == Op.UPSERT) != (data != null)) {
            throw new IllegalArgumentException("an upsert carries data and a delete does not: " + op + " " + kind.wireName() + " " + id);
        }
        if (data != null && !fits(kind, data)) {
            throw new IllegalArgumentException(data.getClass().getSimpleName() + " is not the data of a " + kind.wireName());
        }
        if (kind == EntityKind.CUSTOMER && customerId != id) {
            throw new IllegalArgumentException("a customer event names itself as customer: " + id + " vs " + customerId);
        }
    }

    private static boolean fits(EntityKind kind, EntityData data) {
        return switch (kind) {
            case CUSTOMER -> data instanceof CustomerData;
            case CONTACT, ADDRESS, INVOICE -> data instanceof ChildData;
            case ORDER -> data instanceof OrderData;
        };
    }

    public boolean isDelete() {
        return op == Op.DELETE;
    }

    public CustomerData customerData() {
        return (CustomerData) data;
    }

    public ChildData childData() {
        return (ChildData) data;
    }

    public OrderData orderData() {
        return (OrderData) data;
    }

    /** "contact 45973 v1592205870000" - for messages that name the thing. */
    public String describe() {
        return kind.wireName() + " " + id + " v" + version + " of customer " + customerId;
    }
}
