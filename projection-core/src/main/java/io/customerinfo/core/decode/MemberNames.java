package io.customerinfo.core.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Member names read from bytes, the same {@link String} for the same bytes while its slot holds it: a customer row has
 * about fifty members and the CRM sends the same names in every event, so a row's member map reuses each name and
 * its cached hash instead of decoding and hashing a new string for every member of every event.
 *
 * <p>A fixed table indexed by a cheap hash of the bytes (length, first and last bytes); a collision replaces the
 * slot. Entries are immutable, so threads racing on a slot at worst decode a name again.
 */
final class MemberNames {

    private static final int SLOTS = 2048;
    private static final Entry[] TABLE = new Entry[SLOTS];

    private record Entry(byte[] bytes, String name) {
    }

    private MemberNames() {
    }

    /** The name whose UTF-8 bytes (no escapes) are {@code bytes[from, to)}. */
    static String of(byte[] bytes, int from, int to) {
        int n = to - from;
        int h = n;
        if (n > 0) {
            h = h * 31 + bytes[from];
            h = h * 31 + bytes[to - 1];
            h = h * 31 + bytes[from + n / 2];
            h = h * 31 + bytes[to - 1 - n / 3];
        }
        int slot = (h ^ (h >>> 11)) & (SLOTS - 1);
        Entry entry = TABLE[slot];
        if (entry != null && Arrays.equals(entry.bytes, 0, entry.bytes.length, bytes, from, to)) {
            return entry.name;
        }
        String name = new String(bytes, from, n, StandardCharsets.UTF_8);
        TABLE[slot] = new Entry(Arrays.copyOfRange(bytes, from, to), name);
        return name;
    }
}
