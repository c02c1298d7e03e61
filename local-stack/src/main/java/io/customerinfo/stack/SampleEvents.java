package io.customerinfo.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.customerinfo.simulator.JsonlFile;
import io.customerinfo.simulator.PublishReport;
import io.customerinfo.simulator.Publisher;
import io.customerinfo.simulator.SimRecord;

/** The contract's sample events (customer 62640), read from the schemas jar and sent by the simulator's publisher. */
final class SampleEvents {

    static final String RESOURCE = "schemas/examples/sample-events-62640.jsonl";

    private SampleEvents() {
    }

    static List<SimRecord> read() {
        try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (is the schemas jar a dependency?)");
            }
            List<SimRecord> records = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    records.add(JsonlFile.parse(line, RESOURCE + ":" + lineNo));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Publishes every sample record and waits for the broker's acknowledgements; returns how many. */
    static int publish(String bootstrapServers) {
        List<SimRecord> records = read();
        try (Publisher publisher = new Publisher(bootstrapServers)) {
            PublishReport report = publisher.publish(records, 0);
            if (!report.complete()) {
                throw new IllegalStateException("publishing the sample events to " + bootstrapServers + " failed: "
                        + report.summary() + " " + report.firstErrors());
            }
        }
        return records.size();
    }
}
