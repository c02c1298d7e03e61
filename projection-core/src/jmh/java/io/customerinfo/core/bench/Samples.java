package io.customerinfo.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.event.ChangeEvent;

/** The contract's sample events, decoded by the real decoder (the schemas jar is on the classpath). */
final class Samples {

    private Samples() {
    }

    static List<ChangeEvent> events() {
        String text;
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream("schemas/examples/sample-events-62640.jsonl")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EventDecoder decoder = new EventDecoder();
        List<ChangeEvent> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // the line is {"topic":"...","key":"...","value":{...}}: cut the value out textually
            String topic = between(line, "\"topic\":\"", "\"");
            String key = between(line, "\"key\":\"", "\"");
            String value = line.substring(line.indexOf("\"value\":") + 8, line.length() - 1);
            DecodeResult result = decoder.decode(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
            events.add(((DecodeResult.Decoded) result).event());
        }
        return events;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
