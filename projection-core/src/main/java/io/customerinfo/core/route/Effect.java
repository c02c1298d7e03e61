package io.customerinfo.core.route;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityKind;

/** One change to one customer's state; an event yields at most two (put into one, evict from another). */
public sealed interface Effect {

    long customerId();

    /** Apply the event (upsert or delete) to this customer. */
    record Apply(long customerId, ChangeEvent event) implements Effect {
    }

    /**
     * The entity moved away from this customer: leave a tombstone at {@code version} so that an older
     * upsert naming this customer cannot bring it back.
     */
    record Evict(long customerId, EntityKind kind, long entityId, long version) implements Effect {
    }
}
