package io.customerinfo.core.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.event.ChangeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The contract files (from the schemas jar on the test classpath) and what they decode to. */
public final class Contract {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** The golden clock: 2020-06-16T10:00:00+08:00. */
    public static final Instant GOLDEN_NOW = OffsetDateTime.parse("2020-06-16T10:00:00+08:00").toInstant();

    public static final long GOLDEN_CUSTOMER = 62640;

    /** One line of sample-events-62640.jsonl. */
    public record Record(String topic, byte[] key, byte[] value) {
    }

    private Contract() {
    }

    public static byte[] resource(String path) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("not on the test classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Record> sampleRecords() {
        String text = new String(resource("schemas/examples/sample-events-62640.jsonl"), StandardCharsets.UTF_8);
        List<Record> records = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            records.add(new Record(node.get("topic").asString(), node.get("key").asString().getBytes(StandardCharsets.UTF_8),
                    JSON.writeValueAsBytes(node.get("value"))));
        }
        return records;
    }

    public static List<ChangeEvent> sampleEvents() {
        EventDecoder decoder = new EventDecoder();
        List<ChangeEvent> events = new ArrayList<>();
        for (Record r : sampleRecords()) {
            DecodeResult result = decoder.decode(r.topic(), r.key(), r.value());
            if (!(result instanceof DecodeResult.Decoded decoded)) {
                throw new IllegalStateException("sample event does not decode: " + result);
            }
            events.add(decoded.event());
        }
        return events;
    }

    /** The golden response's {@code data} object. */
    public static JsonNode goldenDocument() {
        return JSON.readTree(resource("schemas/examples/customer-info-62640.json")).get("data");
    }

    /** The golden document in compact form (the bytes the renderer must produce at the golden clock). */
    public static byte[] goldenDocumentCompact() {
        return JSON.writeValueAsBytes(goldenDocument());
    }
}
