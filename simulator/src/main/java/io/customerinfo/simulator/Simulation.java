package io.customerinfo.simulator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A whole generated stream in memory: the records in publishing order, and the exact poison records among
 * them (the same instances), so a test can count the dead letters it expects.
 */
public record Simulation(List<SimRecord> records, List<SimRecord> poison, SimulationStats stats) {

    public Simulation {
        records = List.copyOf(records);
        poison = List.copyOf(poison);
    }

    /** Generates the whole stream of {@code config}. */
    public static Simulation generate(SimulationConfig config) {
        ChangeStream stream = new ChangeStream(config);
        List<SimRecord> all = new java.util.ArrayList<>();
        stream.forEachRemaining(all::add);
        return new Simulation(all, stream.poison(), stream.stats());
    }

    /** The lazily produced stream of {@code config}, for streams too big to hold. */
    public static ChangeStream stream(SimulationConfig config) {
        return new ChangeStream(config);
    }

    /** The records that a correct consumer applies or skips: everything but the poison. */
    public List<SimRecord> valid() {
        return records.stream().filter(r -> !r.isPoison()).toList();
    }

    public Map<PoisonKind, Long> poisonByKind() {
        Map<PoisonKind, Long> counts = new EnumMap<>(PoisonKind.class);
        poison.forEach(r -> counts.merge(r.poison(), 1L, Long::sum));
        return counts;
    }
}
