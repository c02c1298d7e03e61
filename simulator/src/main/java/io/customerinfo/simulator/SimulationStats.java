package io.customerinfo.simulator;

import java.util.Map;

/**
 * What a simulated stream holds. {@code records} = {@code events} + {@code duplicates} + {@code tombstones}
 * + {@code poison}.
 */
public record SimulationStats(long records, long events, Map<Entity, Long> eventsByEntity, long deletes,
                              long duplicates, long tombstones, long poison) {
}
