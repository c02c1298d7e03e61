package io.customerinfo.simulator;

import java.nio.file.Path;

/**
 * What the {@code simulate} command was told, checked: {@link SimulatorCommand} parses the command line into
 * it and runs it.
 *
 * @param config                 what to generate (with {@code in}: only its topics are used)
 * @param bootstrap              the Kafka to publish to; null: publish nothing
 * @param rate                   records per second; 0: as fast as possible
 * @param out                    the JSONL file to write the generated stream to; null: none
 * @param in                     the JSONL file to publish instead of generating; null: generate
 * @param createTopicsPartitions partitions of the missing topics to create before publishing; 0: create none
 */
public record SimulatorOptions(SimulationConfig config, String bootstrap, double rate, Path out, Path in,
                               int createTopicsPartitions) {
}
