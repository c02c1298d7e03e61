package io.customerinfo.core.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/** Helpers for JSON that the core itself wrote in compact form (no insignificant whitespace). */
public final class CompactJson {

    /** Thread-safe; shared by the decoder and the codecs. */
    public static final JsonFactory FACTORY = new JsonFactory();

    private CompactJson() {
    }

    /**
     * Splits a compact JSON object into its members, in order, each value as its compact bytes
     * (sliced, not re-encoded).
     *
     * @throws IllegalArgumentException when the bytes are not one compact JSON object
     */
    public static LinkedHashMap<String, byte[]> members(byte[] object) {
        LinkedHashMap<String, byte[]> members = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), object)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String name = null;
            int valueStart = -1;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (token == null) {
                    throw new IllegalArgumentException("truncated JSON object");
                }
                if (token == JsonToken.PROPERTY_NAME) {
                    int nameStart = (int) parser.currentTokenLocation().getByteOffset();
                    if (name != null) {
                        members.put(name, slice(object, valueStart, nameStart - 1));
                    }
                    name = parser.currentName();
                } else {
                    valueStart = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                }
            }
            if (name != null) {
                members.put(name, slice(object, valueStart, (int) parser.currentTokenLocation().getByteOffset()));
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON object");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
        return members;
    }

    /** The JSON string literal (quoted, escaped, UTF-8) for a text. Non-ASCII is not escaped. */
    public static byte[] quote(String text) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        byte[] quoted = new byte[escaped.length + 2];
        quoted[0] = '"';
        System.arraycopy(escaped, 0, quoted, 1, escaped.length);
        quoted[quoted.length - 1] = '"';
        return quoted;
    }

    /** The text of a JSON string literal, or {@code null} when the value is not a string. */
    public static String stringValue(byte[] literal) {
        if (literal == null || literal.length < 2 || literal[0] != '"') {
            return null;
        }
        boolean plain = true;
        for (int i = 1; i < literal.length - 1; i++) {
            if (literal[i] == '\\') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(literal, 1, literal.length - 2, StandardCharsets.UTF_8);
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), literal)) {
            return parser.nextToken() == JsonToken.VALUE_STRING ? parser.getString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("not compact JSON");
        }
        return Arrays.copyOfRange(bytes, from, to);
    }
}
