/**
 * The CRM change-stream simulator.
 *
 * <ul>
 *   <li>{@link io.customerinfo.simulator.Simulation#generate} (in memory) or
 *       {@link io.customerinfo.simulator.Simulation#stream} (lazy) turn a
 *       {@link io.customerinfo.simulator.SimulationConfig} into {@link io.customerinfo.simulator.SimRecord}s in the
 *       contract's envelope, the same bytes for the same seed;</li>
 *   <li>{@link io.customerinfo.simulator.JsonlFile} writes and reads them as JSON Lines, byte-exact;</li>
 *   <li>{@link io.customerinfo.simulator.Publisher} sends them to Kafka at a rate;</li>
 *   <li>{@link io.customerinfo.simulator.SimulatorCommand} is the {@code simulate} command line: it parses the
 *       options into a {@link io.customerinfo.simulator.SimulatorOptions}, which
 *       {@link io.customerinfo.simulator.SimulatorRun} carries out.</li>
 * </ul>
 *
 * <pre>{@code
 * Simulation sim = Simulation.generate(SimulationConfig.builder()
 *         .seed(7).customers(50).events(5_000)
 *         .duplicateRate(0.05).reorderRate(0.1).poisonRate(0.01)
 *         .build());
 * try (Publisher publisher = new Publisher(broker.bootstrapServers())) {
 *     publisher.publish(sim.records(), 0);            // 0 = as fast as possible
 * }
 * // expect exactly sim.poison().size() dead letters, sim.poisonByKind() by reason
 * }</pre>
 */
package io.customerinfo.simulator;
