package io.customerinfo.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A simulated change stream, produced lazily (memory stays bounded by the reorder window, so it can feed a
 * publisher with millions of records). After each change event it may add the key's tombstone (after a delete),
 * a duplicate (the same bytes again) and a poison record; then records are shuffled locally: each swaps place
 * with one up to {@code reorderWindow} later with probability {@code reorderRate}.
 *
 * <p>Deterministic: the same configuration (seed included) gives the same records, byte for byte.
 */
public final class ChangeStream implements Iterator<SimRecord> {

    private final SimulationConfig config;
    private final SplittableRandom random;
    private final SplittableRandom shuffle;
    private final CrmWorld world;
    private final ChangePlan plan;
    private final PoisonFactory poisonFactory;
    private final String runTag;
    private final ArrayDeque<SimRecord> generated = new ArrayDeque<>();
    private final ArrayList<SimRecord> window = new ArrayList<>();
    private final List<SimRecord> poison = new ArrayList<>();
    private final Map<Entity, Long> eventsByEntity = new EnumMap<>(Entity.class);
    private long events;
    private long deletes;
    private long duplicates;
    private long tombstones;
    private long records;

    ChangeStream(SimulationConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        this.shuffle = root.split();
        this.random = root.split();
        this.world = new CrmWorld(random, config.customers());
        this.plan = ChangePlan.of(config, world, random);
        this.runTag = String.format("%08x", new SplittableRandom(config.seed()).nextInt());
        this.poisonFactory = new PoisonFactory(config, world, random, runTag);
        for (Entity e : Entity.values()) {
            eventsByEntity.put(e, 0L);
        }
    }

    @Override
    public boolean hasNext() {
        fill();
        return !window.isEmpty();
    }

    @Override
    public SimRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the simulated stream is exhausted");
        }
        if (window.size() > 1 && shuffle.nextDouble() < config.reorderRate()) {
            Collections.swap(window, 0, 1 + shuffle.nextInt(Math.min(config.reorderWindow(), window.size() - 1)));
        }
        records++;
        return window.remove(0);
    }

    /** The poison records produced so far, in generation order. */
    public List<SimRecord> poison() {
        return List.copyOf(poison);
    }

    /** Counts of what was produced so far (all of it once {@link #hasNext()} is false). */
    public SimulationStats stats() {
        return new SimulationStats(records, events, Map.copyOf(eventsByEntity), deletes, duplicates, tombstones,
                poison.size());
    }

    private void fill() {
        while (window.size() <= config.reorderWindow()) {
            if (generated.isEmpty() && !produce()) {
                return;
            }
            window.add(generated.poll());
        }
    }

    private boolean produce() {
        Change change = plan.next();
        if (change == null) {
            return false;
        }
        String topic = config.topics().of(change.entity());
        SimRecord event = SimRecord.valid(topic, change.id(), EventEncoder.bytes(EventEncoder.envelope(
                eventId(change), change.isDelete() ? "delete" : "upsert", change.entity(), change.id(),
                change.customerId(), change.version(), change.occurredAt(), change.data())));
        generated.add(event);
        events++;
        eventsByEntity.merge(change.entity(), 1L, Long::sum);
        if (change.isDelete()) {
            deletes++;
            if (random.nextDouble() < config.tombstoneRate()) {
                generated.add(SimRecord.tombstone(topic, change.id()));
                tombstones++;
            }
        }
        if (random.nextDouble() < config.duplicateRate()) {
            generated.add(event);
            duplicates++;
        }
        if (random.nextDouble() < config.poisonRate()) {
            SimRecord bad = poisonFactory.next(change.occurredAt());
            if (bad != null) {
                generated.add(bad);
                poison.add(bad);
            }
        }
        return true;
    }

    private String eventId(Change change) {
        return runTag + "-" + change.id() + "-000" + (change.entity().ordinal() + 1) + "-0000-" + CrmRows.padded(events + 1, 12);
    }
}
