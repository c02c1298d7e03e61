package io.customerinfo.projector.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The source topics' partitions and their log start / end offsets, which the rebuild measures its lag against; and
 * the removal of a finished rebuild's consumer group from the broker.
 */
final class KafkaOffsets {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final Collection<String> topics;

    KafkaOffsets(Admin admin, Collection<String> topics) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
    }

    List<TopicPartition> partitions() {
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> partitions = new ArrayList<>();
        described.forEach((topic, d) -> d.partitions().forEach(p -> partitions.add(new TopicPartition(topic,
                p.partition()))));
        return partitions;
    }

    Map<TopicPartition, Long> starts(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.earliest());
    }

    Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    /** Best effort: a finished rebuild's group has no members and nothing to resume; left behind, it is litter. */
    void deleteGroup(String group) {
        get(admin.deleteConsumerGroups(List.of(group)).all());
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos = get(admin.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while asking the broker for offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("asking the broker about " + topics + " failed: " + e, e);
        }
    }
}
