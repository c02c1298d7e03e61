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
     * (sliced, not re-encoded). A single scan without a tokenizer: the input is JSON the core wrote
     * itself (through Jackson's generator), so only its shape is checked.
     *
     * @throws IllegalArgumentException when the bytes are not one compact JSON object
     */
    public static LinkedHashMap<String, byte[]> members(byte[] object) {
        int n = object.length;
        if (n < 2 || object[0] != '{' || object[n - 1] != '}') {
            throw new IllegalArgumentException("not a compact JSON object");
        }
        LinkedHashMap<String, byte[]> members = new LinkedHashMap<>();
        int i = 1;
        if (n == 2) {
            return members;
        }
        while (true) {
            if (object[i] != '"') {
                throw notCompact(i);
            }
            int nameEnd = endOfString(object, i);
            String name = name(object, i, nameEnd);
            if (nameEnd >= n || object[nameEnd] != ':') {
                throw notCompact(nameEnd);
            }
            int valueStart = nameEnd + 1;
            int valueEnd = endOfValue(object, valueStart);
            if (valueEnd == valueStart) {
                throw notCompact(valueStart);
            }
            members.put(name, Arrays.copyOfRange(object, valueStart, valueEnd));
            if (valueEnd == n - 1) {
                return members;
            }
            if (object[valueEnd] != ',') {
                throw notCompact(valueEnd);
            }
            i = valueEnd + 1;
        }
    }

    /** The index just after the string literal that starts (with its quote) at {@code start}. */
    private static int endOfString(byte[] json, int start) {
        int i = start + 1;
        while (i < json.length) {
            byte b = json[i];
            if (b == '\\') {
                i += 2;
            } else if (b == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated string in JSON object");
    }

    /** The index of the ',' or closing '}' that ends the value starting at {@code start}. */
    private static int endOfValue(byte[] json, int start) {
        int depth = 0;
        int i = start;
        while (i < json.length) {
            byte b = json[i];
            if (b == '"') {
                i = endOfString(json, i);
                continue;
            }
            if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (b == ',' && depth == 0) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced JSON object");
    }

    private static String name(byte[] json, int start, int end) {
        for (int i = start + 1; i < end - 1; i++) {
            if (json[i] == '\\') {
                String decoded = stringValue(Arrays.copyOfRange(json, start, end));
                if (decoded == null) {
                    throw new IllegalArgumentException("malformed member name in JSON object");
                }
                return decoded;
            }
        }
        return new String(json, start + 1, end - start - 2, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException notCompact(int at) {
        return new IllegalArgumentException("not a compact JSON object (at byte " + at + ")");
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

}
