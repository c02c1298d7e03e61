package io.customerinfo.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The contract's example files, from the schemas jar on the test classpath. */
final class ContractFiles {

    /** The golden clock: 2020-06-16T10:00:00+08:00. */
    static final Instant GOLDEN_NOW = OffsetDateTime.parse("2020-06-16T10:00:00+08:00").toInstant();

    /** One line of sample-events-62640.jsonl. */
    record Record(String topic, byte[] key, byte[] value) {
    }

    private ContractFiles() {
    }

    static List<Record> sampleRecords() {
        String text = new String(resource("schemas/examples/sample-events-62640.jsonl"), StandardCharsets.UTF_8);
        List<Record> records = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = Json.parse(line.getBytes(StandardCharsets.UTF_8));
                records.add(new Record(node.get("topic").asString(), node.get("key").asString().getBytes(StandardCharsets.UTF_8),
                        Json.MAPPER.writeValueAsBytes(node.get("value"))));
            }
        }
        return records;
    }

    /** The golden response's {@code data} object. */
    static JsonNode goldenDocument() {
        return Json.parse(resource("schemas/examples/customer-info-62640.json")).get("data");
    }

    private static byte[] resource(String path) {
        try (InputStream in = ContractFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("not on the test classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
