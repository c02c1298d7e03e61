package io.customerinfo.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The stack's topics: the five change topics (compacted, so they can be replayed from the start) and a
 * dead-letter topic beside each. Used for the in-process broker and for an existing Kafka alike; the
 * compose file's {@code topics} service creates the same set with {@code kafka-topics.sh}.
 */
final class TopicSetup {

    static final List<String> SOURCE_TOPICS = List.of("crm.customer", "crm.contact", "crm.address", "crm.invoice", "crm.order");
    static final String DEAD_LETTER_SUFFIX = ".dlt";
    static final int PARTITIONS = 6;

    /**
     * Source topics are keyed by entity id and compacted. Dead-letter topics keep every rejected record
     * (delete policy) and have as many partitions as their source, because a dead-letter record goes to the
     * partition number it came from.
     */
    private static final Map<String, String> SOURCE_CONFIG = Map.of("cleanup.policy", "compact");
    private static final Map<String, String> DEAD_LETTER_CONFIG = Map.of("cleanup.policy", "delete");

    private TopicSetup() {
    }

    static List<String> deadLetterTopics() {
        return SOURCE_TOPICS.stream().map(t -> t + DEAD_LETTER_SUFFIX).toList();
    }

    /**
     * Creates whichever of the topics are missing.
     *
     * @return true when none of the five source topics existed before: the stream is new, so the stack
     *     publishes the sample events into it
     */
    static boolean ensure(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String source : SOURCE_TOPICS) {
                if (!existing.contains(source)) {
                    missing.add(new NewTopic(source, PARTITIONS, (short) 1).configs(SOURCE_CONFIG));
                }
                String deadLetter = source + DEAD_LETTER_SUFFIX;
                if (!existing.contains(deadLetter)) {
                    missing.add(new NewTopic(deadLetter, PARTITIONS, (short) 1).configs(DEAD_LETTER_CONFIG));
                }
            }
            if (!missing.isEmpty()) {
                for (var created : admin.createTopics(missing).values().entrySet()) {
                    try {
                        created.getValue().get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("cannot create topic " + created.getKey() + " on "
                                    + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                        }
                    }
                }
            }
            return SOURCE_TOPICS.stream().noneMatch(existing::contains);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics on " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics on " + bootstrapServers + " (is Kafka up?)", e);
        }
    }
}
