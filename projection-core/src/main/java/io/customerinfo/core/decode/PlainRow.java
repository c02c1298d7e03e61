package io.customerinfo.core.decode;

import java.util.Arrays;
import java.util.LinkedHashMap;

import io.customerinfo.core.event.ChildData;
import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.json.CompactJson;

/**
 * The fast path of {@link DataReader}: a customer or child row taken from the event as it is (the contract's sample
 * customer, for one, carries JSON inside strings, so escaped quotes are common and must not send a row down the slow
 * path). It answers only rows
 * whose re-encoding would be the same bytes and which decode without a violation; for any other row it answers
 * {@code null} and the row is re-encoded (the one place that decides violations).
 */
final class PlainRow {

    private PlainRow() {
    }

    /**
     * @param value the event value; the row is {@code value[start, end)}, a syntactically valid JSON object
     * @return the decoded row, or {@code null} when it must be re-encoded
     */
    static DataReader.Result read(byte[] value, int start, int end, EntityKind kind) {
        byte[] json = Arrays.copyOfRange(value, start, end);
        LinkedHashMap<String, byte[]> row = plainMembers(json);
        if (row == null) {
            return null;
        }
        return kind == EntityKind.CUSTOMER ? customer(json, row) : child(json, row, kind == EntityKind.INVOICE);
    }

    private static DataReader.Result customer(byte[] json, LinkedHashMap<String, byte[]> row) {
        for (String dropped : DataReader.DERIVED_CUSTOMER_MEMBERS) {
            if (row.containsKey(dropped)) {
                return null;
            }
        }
        long id = id(row.get("id"));
        if (row.containsKey("customer_id")) {
            // rare in a customer row, checked on the slow path
            return null;
        }
        byte[] name = row.get("name");
        byte[] totals = row.get("total_infos");
        if (id < 0 || name == null || name[0] != '"' || (totals != null && totals[0] != '{')) {
            return null;
        }
        return new DataReader.Result(null, null, id, id, CustomerData.ofMembers(json, row));
    }

    private static DataReader.Result child(byte[] json, LinkedHashMap<String, byte[]> row, boolean invoice) {
        if (invoice && row.containsKey(DataReader.INVOICE_CUSTOMER_NAME)) {
            return null;
        }
        long id = id(row.get("id"));
        long customerId = id(row.get("customer_id"));
        String isDefault = CompactJson.stringValue(row.get("is_default"));
        if (id < 0 || customerId < 0 || !("0".equals(isDefault) || "1".equals(isDefault))) {
            return null;
        }
        return new DataReader.Result(null, null, id, customerId, new ChildData(json, "1".equals(isDefault)));
    }

    /** A decimal id string literal's value, or -1. */
    private static long id(byte[] literal) {
        String text = CompactJson.stringValue(literal);
        return text == null ? -1 : Ids.parse(text);
    }

    /**
     * Whether the escape {@code \\<c>} is the one the generator writes for its character, so that re-encoding would
     * keep it: {@code \\"}, {@code \\\\} and the short forms of control characters. {@code \\/} and {@code \\u}
     * escapes are re-encoded differently (or may be), so they send the row down the re-encoding path.
     */
    private static boolean canonicalEscape(byte c) {
        return c == '"' || c == '\\' || c == 'n' || c == 't' || c == 'r' || c == 'b' || c == 'f';
    }

    /**
     * The end of the number starting at {@code start} when it is an integer that re-encodes to itself; -1 for a
     * fraction or exponent (the generator writes {@code -1.5e10} as {@code -1.5E+10}) and for {@code -0}.
     */
    private static int integerEnd(byte[] value, int start, int end) {
        int digits = value[start] == '-' ? start + 1 : start;
        int i = digits;
        while (i < end && value[i] >= '0' && value[i] <= '9') {
            i++;
        }
        if (i < end && (value[i] == '.' || value[i] == 'e' || value[i] == 'E')) {
            return -1;
        }
        if (digits > start && i - digits == 1 && value[digits] == '0') {
            return -1;
        }
        return i;
    }

    /**
     * The members of the object, in order, each value as its bytes, when the object is compact and plain: no
     * whitespace outside strings, only escapes and numbers that re-encode to themselves, no member name with an
     * escape, no repeated member; {@code null} otherwise. One pass, splitting as it checks.
     */
    private static LinkedHashMap<String, byte[]> plainMembers(byte[] json) {
        LinkedHashMap<String, byte[]> members = new LinkedHashMap<>();
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int stringStart = -1;
        String name = null;
        int valueStart = -1;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '"') {
                    inString = false;
                    if (depth == 1 && name == null) {
                        if (escaped) {
                            return null;
                        }
                        name = MemberNames.of(json, stringStart + 1, i);
                    }
                } else if (b == '\\') {
                    if (!canonicalEscape(json[++i])) {
                        return null;
                    }
                    escaped = true;
                }
                continue;
            }
            switch (b) {
                case '"' -> {
                    inString = true;
                    escaped = false;
                    stringStart = i;
                }
                case ':' -> valueStart = depth == 1 ? i + 1 : valueStart;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    // at depth 1 only the object's own closing brace: it ends the last member
                    if (depth == 1 && name != null && members.put(name, Arrays.copyOfRange(json, valueStart, i)) != null) {
                        return null;
                    }
                    depth--;
                }
                case ',' -> {
                    if (depth == 1) {
                        if (members.put(name, Arrays.copyOfRange(json, valueStart, i)) != null) {
                            return null;
                        }
                        name = null;
                    }
                }
                case ' ', '\t', '\n', '\r' -> {
                    return null;
                }
                case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                    int next = integerEnd(json, i, json.length);
                    if (next < 0) {
                        return null;
                    }
                    i = next - 1;
                }
                default -> {
                }
            }
        }
        return members;
    }
}
