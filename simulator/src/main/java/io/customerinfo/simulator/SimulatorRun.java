package io.customerinfo.simulator;

import static io.customerinfo.simulator.SimulatorCommand.FAILED;
import static io.customerinfo.simulator.SimulatorCommand.OK;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** What {@code simulate} does with its {@link SimulatorOptions}: generate and write and/or publish, or publish a file. */
final class SimulatorRun {

    private SimulatorRun() {
    }

    /** @return {@link SimulatorCommand#OK}, or {@link SimulatorCommand#FAILED} when some records were not acknowledged */
    static int run(SimulatorOptions options, PrintStream out) {
        return options.in() != null ? publishFile(options, out) : generate(options, out);
    }

    private static int generate(SimulatorOptions options, PrintStream out) {
        SimulationConfig config = options.config();
        if (options.out() != null) {
            ChangeStream stream = Simulation.stream(config);
            JsonlFile.write(options.out(), stream);
            out.println("wrote " + options.out() + ": " + describe(stream.stats()));
        }
        if (options.bootstrap() == null) {
            return OK;
        }
        ChangeStream stream = Simulation.stream(config);
        PublishReport report = publish(options, config.topics(), stream, out);
        out.println("generated " + describe(stream.stats()));
        return report.complete() ? OK : FAILED;
    }

    private static int publishFile(SimulatorOptions options, PrintStream out) {
        try (Stream<SimRecord> records = JsonlFile.stream(options.in())) {
            PublishReport report = publish(options, options.config().topics(), records.iterator(), out);
            return report.complete() ? OK : FAILED;
        }
    }

    private static PublishReport publish(SimulatorOptions options, Topics topics, Iterator<SimRecord> records,
                                         PrintStream out) {
        if (options.createTopicsPartitions() > 0) {
            createTopics(options.bootstrap(), topics.all(), options.createTopicsPartitions(), out);
        }
        String pace = options.rate() > 0 ? options.rate() + " records/s" : "as fast as possible";
        out.println("publishing to " + options.bootstrap() + ", " + pace);
        try (Publisher publisher = new Publisher(options.bootstrap())) {
            PublishReport report = publisher.publish(records, options.rate(), Duration.ofSeconds(5),
                    progress -> out.println("  ... " + progress.summary()));
            out.println("published: " + report.summary() + " " + report.acknowledgedByTopic());
            report.firstErrors().forEach(e -> out.println("  failed: " + e));
            return report;
        }
    }

    /** Creates the missing topics, compacted, with the broker's default replication factor. */
    private static void createTopics(String bootstrap, List<String> names, int partitions, PrintStream out) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, Optional.of(partitions), Optional.empty())
                            .configs(Map.of("cleanup.policy", "compact")))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                TopicLeaders.await(admin, missing.stream().map(NewTopic::name).toList(), Duration.ofSeconds(30), bootstrap);
                out.println("created topics " + missing.stream().map(NewTopic::name).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics on " + bootstrap, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalArgumentException("cannot create topics " + names + " on " + bootstrap + ": " + e, e);
        }
    }

    private static String describe(SimulationStats s) {
        return s.records() + " records: " + s.events() + " events " + s.eventsByEntity() + ", " + s.deletes()
                + " deletes, " + s.duplicates() + " duplicates, " + s.tombstones() + " tombstones, " + s.poison()
                + " poison";
    }
}
