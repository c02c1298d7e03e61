package io.customerinfo.bench;

import java.time.Duration;
import java.util.Iterator;

import io.customerinfo.simulator.PublishReport;
import io.customerinfo.simulator.Publisher;
import io.customerinfo.simulator.SimRecord;

/** Publishes generated records as fast as the broker takes them and waits for every acknowledgement. */
final class Preload {

    private Preload() {
    }

    /** @return the records acknowledged; fails when any was refused */
    static long publish(BenchServers servers, Iterator<SimRecord> records) {
        try (Publisher publisher = new Publisher(servers.kafkaBootstrap())) {
            PublishReport report = publisher.publish(records, 0, Duration.ZERO, r -> { });
            if (report.failed() > 0) {
                throw new IllegalStateException(report.failed() + " records were refused by the broker: " + report.firstErrors());
            }
            return report.acknowledged();
        }
    }
}
