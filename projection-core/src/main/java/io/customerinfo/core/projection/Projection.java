package io.customerinfo.core.projection;

import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.route.Effect;
import io.customerinfo.core.route.OwnerIndex;
import io.customerinfo.core.route.Routing;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.state.Outcome;

/**
 * The whole world in memory: every customer's full state plus the owner index. The reference that
 * property and integration tests compute expected documents with; the projector does the same per
 * customer against Redis.
 */
public final class Projection {

    private final ZoneId zone;
    private final OwnerIndex owners = new OwnerIndex();
    private final Map<Long, CustomerState> customers = new HashMap<>();

    public Projection(ZoneId zone) {
        this.zone = zone;
    }

    public Projection() {
        this(CustomerState.DEFAULT_ZONE);
    }

    /** Applies one event; returns the customers whose state changed (zero, one or two). */
    public Set<Long> apply(ChangeEvent event) {
        Routing routing = owners.route(event);
        Set<Long> touched = new LinkedHashSet<>(2);
        for (Effect effect : routing.effects()) {
            CustomerState state = customers.computeIfAbsent(effect.customerId(), id -> CustomerState.empty(id, zone));
            if (state.apply(effect) == Outcome.APPLIED) {
                touched.add(effect.customerId());
            }
        }
        return touched;
    }

    public Optional<CustomerState> customer(long customerId) {
        return Optional.ofNullable(customers.get(customerId));
    }

    /** Every customer any event was routed to (with or without a live customer entity). */
    public Set<Long> customerIds() {
        return Collections.unmodifiableSet(customers.keySet());
    }

    public OwnerIndex owners() {
        return owners;
    }

    public ZoneId zone() {
        return zone;
    }
}
