package io.customerinfo.simulator;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Waits until every partition of new topics has a leader. A produce to a partition whose leadership is still
 * settling gets NOT_LEADER_OR_FOLLOWER, and the idempotent producer's retry can then stall until its delivery
 * timeout (seen under load): publish only after this returns.
 */
public final class TopicLeaders {

    private TopicLeaders() {
    }

    public static void await(Admin admin, Collection<String> names, Duration timeout, String bootstrap)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                boolean led = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led) {
                    return;
                }
            } catch (ExecutionException e) {
                // metadata of the new topics not yet on the broker: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + names + " have no leader on " + bootstrap);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
