package io.customerinfo.projector.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing dead-letter topics (as many partitions as their source, broker-default replication), so that a
 * dead-letter publish does not wait on a topic nobody created. Best effort: a failure is logged, and a publish
 * that cannot complete is retried by replaying the poll.
 */
final class DeadLetterTopics {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterTopics.class);

    private DeadLetterTopics() {}

    static void ensure(Admin admin, List<String> sources, String suffix) {
        try {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> wantedSources = sources.stream().filter(s -> !existing.contains(s + suffix)).toList();
            if (wantedSources.isEmpty()) {
                return;
            }
            Map<String, TopicDescription> described = admin.describeTopics(
                    wantedSources.stream().filter(existing::contains).toList()).allTopicNames().get(10, TimeUnit.SECONDS);
            List<NewTopic> create = new ArrayList<>();
            for (String source : wantedSources) {
                TopicDescription d = described.get(source);
                int partitions = d == null ? 1 : d.partitions().size();
                create.add(new NewTopic(source + suffix, java.util.Optional.of(partitions), java.util.Optional.empty()));
            }
            admin.createTopics(create).values().forEach((name, future) -> {
                try {
                    future.get(10, TimeUnit.SECONDS);
                    log.info("created dead-letter topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        log.warn("cannot create dead-letter topic {}: {}", name, e.getCause().toString());
                    }
                } catch (Exception e) {
                    log.warn("cannot create dead-letter topic {}: {}", name, e.toString());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("cannot check the dead-letter topics {}: {}", sources, e.toString());
        }
    }
}
