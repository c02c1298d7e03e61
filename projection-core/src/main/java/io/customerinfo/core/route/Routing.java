package io.customerinfo.core.route;

import java.util.List;

/**
 * Where one event goes.
 *
 * @param effects the changes to apply, each to its customer; empty when the event is stale
 * @param next    the owner record to store for the entity afterwards ({@code null} for customers,
 *                and unchanged when stale)
 */
public record Routing(List<Effect> effects, Owner next) {

    public Routing {
        effects = List.copyOf(effects);
    }

    /** The event's version is not higher than the one already routed: nothing to do. */
    public boolean stale() {
        return effects.isEmpty();
    }
}
