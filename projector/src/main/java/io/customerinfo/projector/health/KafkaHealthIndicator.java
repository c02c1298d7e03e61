package io.customerinfo.projector.health;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.customerinfo.projector.kafka.ProjectorWorkers;

/** Up when the brokers answer a cluster description and every consumer loop is running. */
public final class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;
    private final ProjectorWorkers workers;

    public KafkaHealthIndicator(Admin admin, ProjectorWorkers workers) {
        super("Kafka is not reachable");
        this.admin = admin;
        this.workers = workers;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                .nodes().get(3, TimeUnit.SECONDS).size();
        builder.withDetail("brokers", brokers).withDetail("consumers", workers.describe());
        if (brokers > 0 && workers.allAlive()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
