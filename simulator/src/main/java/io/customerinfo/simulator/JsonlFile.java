package io.customerinfo.simulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Streams of records as JSON Lines, one record a line, as the contract's sample file:
 * {@code {"topic":"crm.order","key":"880001","value":{event}}}.
 *
 * <ul>
 *   <li>{@code value} is the event JSON itself when the value bytes are a JSON object that reads back to the
 *       very same bytes; otherwise (malformed, not UTF-8, not compact) {@code value_b64} holds the bytes in
 *       base64; a tombstone is {@code "value":null}.</li>
 *   <li>{@code key} is the key as text, {@code key_b64} when it is not UTF-8, null when absent.</li>
 *   <li>{@code poison} (optional) names the {@link PoisonKind} of a poison record.</li>
 * </ul>
 * Writing then reading gives back every record byte for byte.
 */
public final class JsonlFile {

    private JsonlFile() {
    }

    public static void write(Path file, Iterable<SimRecord> records) {
        write(file, records.iterator());
    }

    /** Writes all records (creating parent directories); returns how many. */
    public static long write(Path file, Iterator<SimRecord> records) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            long n = 0;
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                while (records.hasNext()) {
                    writeLine(out, records.next());
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void writeLine(Writer out, SimRecord record) throws IOException {
        out.write(line(record));
        out.write('\n');
    }

    /** One record as its JSON line (without the newline). */
    public static String line(SimRecord record) {
        StringBuilder sb = new StringBuilder(record.value() == null ? 64 : record.value().length + 64);
        sb.append("{\"topic\":").append(quote(record.topic()));
        String key = record.key() == null ? null : utf8(record.key());
        if (record.key() == null) {
            sb.append(",\"key\":null");
        } else if (key != null) {
            sb.append(",\"key\":").append(quote(key));
        } else {
            sb.append(",\"key_b64\":\"").append(Base64.getEncoder().encodeToString(record.key())).append('"');
        }
        if (record.value() == null) {
            sb.append(",\"value\":null");
        } else {
            String verbatim = verbatimJsonObject(record.value());
            if (verbatim != null) {
                sb.append(",\"value\":").append(verbatim);
            } else {
                sb.append(",\"value_b64\":\"").append(Base64.getEncoder().encodeToString(record.value())).append('"');
            }
        }
        if (record.poison() != null) {
            sb.append(",\"poison\":\"").append(record.poison().name()).append('"');
        }
        return sb.append('}').toString();
    }

    /** All records of a file; see {@link #stream(Path)} for big files. */
    public static List<SimRecord> read(Path file) {
        try (Stream<SimRecord> records = stream(file)) {
            return records.toList();
        }
    }

    /** The records of a file, read lazily; close the stream. Blank lines are skipped. */
    public static Stream<SimRecord> stream(Path file) {
        BufferedReader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long[] lineNo = {0};
        return in.lines()
                .peek(l -> lineNo[0]++)
                .filter(l -> !l.isBlank())
                .map(l -> parse(l, file + ":" + lineNo[0]))
                .onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Parses one line; {@code where} names it in errors (file:line). */
    public static SimRecord parse(String line, String where) {
        JsonNode node;
        try {
            node = EventEncoder.JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + ": not a JSON line: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || !node.path("topic").isString()) {
            throw new IllegalArgumentException(where + ": a line must be an object with a string \"topic\"");
        }
        try {
            byte[] key = node.has("key_b64") ? Base64.getDecoder().decode(node.get("key_b64").asString())
                    : node.path("key").isString() ? node.get("key").asString().getBytes(StandardCharsets.UTF_8)
                    : null;
            byte[] value;
            if (node.has("value_b64")) {
                value = Base64.getDecoder().decode(node.get("value_b64").asString());
            } else if (!node.has("value") || node.get("value").isNull()) {
                value = null;
            } else {
                value = EventEncoder.JSON.writeValueAsBytes(node.get("value"));
            }
            PoisonKind poison = node.path("poison").isString() ? PoisonKind.valueOf(node.get("poison").asString()) : null;
            return new SimRecord(node.get("topic").asString(), key, value, poison);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** The value as text when it is a JSON object that serialises back to exactly these bytes, else null. */
    private static String verbatimJsonObject(byte[] value) {
        String text = utf8(value);
        if (text == null || value.length == 0 || value[0] != '{') {
            return null;
        }
        try {
            JsonNode parsed = EventEncoder.JSON.readTree(value);
            if (parsed != null && parsed.isObject() && Arrays.equals(EventEncoder.JSON.writeValueAsBytes(parsed), value)) {
                return text;
            }
        } catch (JacksonException e) {
            // not JSON: base64
        }
        return null;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String quote(String s) {
        return EventEncoder.JSON.writeValueAsString(StringNode.valueOf(s));
    }
}
