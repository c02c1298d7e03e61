package io.customerinfo.projector.projection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.route.Effect;
import io.customerinfo.core.route.Owner;
import io.customerinfo.core.route.OwnerIndex;
import io.customerinfo.core.route.Routing;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.state.Outcome;
import io.customerinfo.core.state.StateDelta;
import io.customerinfo.projector.metrics.ProjectorMetrics;
import io.customerinfo.projector.store.CustomerStateStore;
import io.customerinfo.projector.store.CustomerStateStore.Commit;
import io.customerinfo.projector.store.CustomerStateStore.DocAction;
import io.customerinfo.projector.store.CustomerStateStore.LoadPlan;
import io.customerinfo.projector.store.OwnerIndexStore;
import io.customerinfo.projector.store.OwnerIndexStore.EntityRef;

/**
 * Applies one poll's decoded events to Redis with a fixed number of round trips, whatever the number of events:
 * read the owners of the children (1), load every touched customer's partial state (1), commit every customer
 * with a compare-and-set script (1, plus 2 per retry round on conflicts), store the new owners (1).
 *
 * <p>Idempotent: every entity carries its version in the state and in the owner index, so replaying a poll (after
 * a crash, a Redis restart, a rebalance) changes nothing already applied. Owners are stored after the customers:
 * a crash in between routes the replay again from the old owner, which re-applies and re-evicts idempotently.
 */
public final class BatchProjection {

    private final OwnerIndexStore owners;
    private final CustomerStateStore states;
    private final ViewRenderer renderer;
    private final Clock clock;
    private final ProjectorMetrics metrics;
    private final int casMaxAttempts;

    public BatchProjection(OwnerIndexStore owners, CustomerStateStore states, ViewRenderer renderer, Clock clock,
                           ProjectorMetrics metrics, int casMaxAttempts) {
        this.owners = owners;
        this.states = states;
        this.renderer = renderer;
        this.clock = clock;
        this.metrics = metrics;
        this.casMaxAttempts = casMaxAttempts;
    }

    /** Thrown when customers still conflicted after the configured attempts; the poll is replayed. */
    public static final class ContendedException extends RuntimeException {
        public ContendedException(Set<Long> customers, int attempts) {
            super("customers " + customers + " changed under this consumer " + attempts + " times in a row");
        }
    }

    public void apply(List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<EntityRef, Owner> current = readOwners(events);
        Map<EntityRef, Owner> nextOwners = new LinkedHashMap<>();
        Map<Long, List<Routed>> effects = new LinkedHashMap<>();
        Map<ReceivedEvent, Outcome> outcomes = new IdentityHashMap<>();
        for (ReceivedEvent received : events) {
            ChangeEvent event = received.event();
            EntityRef ref = event.kind().isChild() ? new EntityRef(event.kind(), event.id()) : null;
            Owner owner = ref == null ? null : current.get(ref);
            Routing routing = OwnerIndex.route(event, owner);
            if (routing.stale()) {
                outcomes.put(received, owner.version() == event.version() ? Outcome.DUPLICATE : Outcome.STALE);
                continue;
            }
            if (ref != null) {
                current.put(ref, routing.next());
                nextOwners.put(ref, routing.next());
            }
            for (Effect effect : routing.effects()) {
                effects.computeIfAbsent(effect.customerId(), c -> new ArrayList<>()).add(new Routed(effect, received));
            }
        }

        applyAll(effects, outcomes);
        if (!nextOwners.isEmpty()) {
            owners.write(nextOwners);
        }
        count(events, outcomes);
        recordLatencies(events, outcomes);
    }

    /** An effect and the event it came from (whose outcome it decides when it applies the event itself). */
    private record Routed(Effect effect, ReceivedEvent source) {}

    private Map<EntityRef, Owner> readOwners(List<ReceivedEvent> events) {
        Set<EntityRef> children = new LinkedHashSet<>();
        for (ReceivedEvent r : events) {
            if (r.event().kind().isChild()) {
                children.add(new EntityRef(r.event().kind(), r.event().id()));
            }
        }
        return children.isEmpty() ? new HashMap<>() : new HashMap<>(owners.read(children));
    }

    /** Loads, applies, renders and commits; reloads and reapplies the customers that met a CAS conflict. */
    private void applyAll(Map<Long, List<Routed>> effects, Map<ReceivedEvent, Outcome> outcomes) {
        Set<Long> pending = new LinkedHashSet<>(effects.keySet());
        long bytesSent = 0;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > casMaxAttempts) {
                throw new ContendedException(pending, casMaxAttempts);
            }
            Map<Long, LoadPlan> plans = new HashMap<>();
            for (long customerId : pending) {
                plans.put(customerId, plan(effects.get(customerId)));
            }
            Map<Long, CustomerState> loaded = states.load(plans);
            List<Commit> commits = new ArrayList<>();
            Instant now = clock.instant();
            for (long customerId : pending) {
                CustomerState state = loaded.get(customerId);
                for (Routed routed : effects.get(customerId)) {
                    Outcome outcome = state.apply(routed.effect());
                    if (routed.effect() instanceof Effect.Apply) {
                        outcomes.put(routed.source(), outcome);
                    }
                }
                if (!state.hasChanges()) {
                    continue;
                }
                StateDelta delta = state.delta();
                Optional<byte[]> view = renderer.render(state, now, delta.newRev());
                DocAction action = view.isPresent() ? DocAction.SET
                        : state.customer() != null ? DocAction.DELETE : DocAction.KEEP;
                commits.add(new Commit(delta, action, view.orElse(null)));
            }
            if (commits.isEmpty()) {
                break;
            }
            long started = System.nanoTime();
            CustomerStateStore.CommitResult result = states.commit(commits);
            metrics.redisCommit(System.nanoTime() - started);
            bytesSent += result.bytesSent();
            pending = new LinkedHashSet<>(result.conflicts());
            for (int i = 0; i < pending.size(); i++) {
                metrics.casRetry();
            }
        }
        metrics.bytesWritten(bytesSent, outcomes.values().stream().filter(o -> o == Outcome.APPLIED).count());
    }

    private static LoadPlan plan(List<Routed> effects) {
        Set<Long> orderIds = new HashSet<>();
        for (Routed routed : effects) {
            Effect effect = routed.effect();
            if (effect instanceof Effect.Apply apply && apply.event().kind() == EntityKind.ORDER) {
                orderIds.add(apply.event().id());
            } else if (effect instanceof Effect.Evict evict && evict.kind() == EntityKind.ORDER) {
                orderIds.add(evict.entityId());
            }
        }
        return new LoadPlan(orderIds);
    }

    private void count(List<ReceivedEvent> events, Map<ReceivedEvent, Outcome> outcomes) {
        Map<String, long[]> byTopic = new HashMap<>();
        for (ReceivedEvent r : events) {
            Outcome o = outcomes.getOrDefault(r, Outcome.STALE);
            byTopic.computeIfAbsent(r.topic(), t -> new long[3])[o.ordinal()]++;
        }
        byTopic.forEach((topic, counts) -> {
            metrics.event(topic, ProjectorMetrics.Outcome.APPLIED, counts[Outcome.APPLIED.ordinal()]);
            metrics.event(topic, ProjectorMetrics.Outcome.STALE, counts[Outcome.STALE.ordinal()]);
            metrics.event(topic, ProjectorMetrics.Outcome.DUPLICATE, counts[Outcome.DUPLICATE.ordinal()]);
        });
    }

    private void recordLatencies(List<ReceivedEvent> events, Map<ReceivedEvent, Outcome> outcomes) {
        long now = clock.millis();
        for (ReceivedEvent r : events) {
            if (outcomes.get(r) == Outcome.APPLIED) {
                metrics.latencySinceOccurred(now - r.event().occurredAt());
                metrics.latencySinceRecord(now - r.recordTimestamp());
            }
        }
    }
}
