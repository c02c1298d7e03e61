package io.customerinfo.core.route;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.route.Effect.Apply;
import io.customerinfo.core.route.Effect.Evict;

/**
 * Routes events to customers. A customer event goes to the customer itself. A child event goes to
 * the customer it names, and, when the child's current owner is another customer, also evicts it
 * from that one. The pure rule is {@link #route(ChangeEvent, Owner)}; an instance is the in-memory
 * index used by the reference {@code Projection} (the projector keeps the same records in Redis).
 */
public final class OwnerIndex {

    private final Map<String, Owner> owners = new HashMap<>();

    /**
     * The routing of {@code event} given the entity's current owner record.
     *
     * @param current the owner record stored for the entity, or {@code null} when there is none
     */
    public static Routing route(ChangeEvent event, Owner current) {
        if (event.kind() == EntityKind.CUSTOMER) {
            return new Routing(List.of(new Apply(event.id(), event)), null);
        }
        if (current != null && event.version() <= current.version()) {
            return new Routing(List.of(), current);
        }
        Owner next = new Owner(event.customerId(), event.version());
        Apply put = new Apply(event.customerId(), event);
        if (current == null || current.customerId() == event.customerId()) {
            return new Routing(List.of(put), next);
        }
        Evict evict = new Evict(current.customerId(), event.kind(), event.id(), event.version());
        return new Routing(List.of(put, evict), next);
    }

    /** The owner-index hash field of an entity: {@code <kind>:<id>}, e.g. {@code contact:45973}. */
    public static String field(EntityKind kind, long id) {
        return kind.wireName() + ":" + id;
    }

    /** Routes with the stored owner record and stores the next one. */
    public Routing route(ChangeEvent event) {
        if (event.kind() == EntityKind.CUSTOMER) {
            return route(event, null);
        }
        String field = field(event.kind(), event.id());
        Routing routing = route(event, owners.get(field));
        if (!routing.stale()) {
            owners.put(field, routing.next());
        }
        return routing;
    }

    public Optional<Owner> owner(EntityKind kind, long id) {
        return Optional.ofNullable(owners.get(field(kind, id)));
    }
}
