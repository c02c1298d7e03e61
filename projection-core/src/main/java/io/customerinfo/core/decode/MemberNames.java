package io.customerinfo.core.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Member names read from bytes, the same {@link String} for the same bytes while its slot holds it: a customer row has
 * about fifty members and the CRM sends the same names in every event, so a row's member map reuses each name and
 * its cached hash instead of decoding and hashing a new string for every member of every event.
 *
 * <p>A fixed table indexed by a hash of all the bytes, probed over {@value #PROBES} slots, so that the names of all
 * five row kinds keep their strings (a hash of a few bytes had put {@code short_name} and {@code state_name}, among
 * ten pairs of the CRM's names, in one slot, and each event of either decoded its name again). A name that finds its
 * probe slots full replaces the first. Names over {@value #MAX_CACHED_BYTES} bytes are not held (a poison record's
 * member names must not fill the heap). Entries are immutable, so threads racing on a slot at worst decode a name
 * again.
 */
final class MemberNames {

    private static final int SLOTS = 4096;
    private static final int PROBES = 4;
    /** Longer names (none of the CRM's is over 40 bytes) are decoded every time and never held. */
    static final int MAX_CACHED_BYTES = 64;
    private static final MemberNames SHARED = new MemberNames();

    private final Entry[] table = new Entry[SLOTS];

    private record Entry(byte[] bytes, String name) {
    }

    /** The name whose UTF-8 bytes (no escapes) are {@code bytes[from, to)}, from the table the decoder shares. */
    static String of(byte[] bytes, int from, int to) {
        return SHARED.name(bytes, from, to);
    }

    /** The name whose UTF-8 bytes (no escapes) are {@code bytes[from, to)}, from this table. */
    String name(byte[] bytes, int from, int to) {
        if (to - from > MAX_CACHED_BYTES) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        int home = (h ^ (h >>> 12)) & (SLOTS - 1);
        int free = -1;
        for (int p = 0; p < PROBES; p++) {
            int slot = (home + p) & (SLOTS - 1);
            Entry entry = table[slot];
            if (entry == null) {
                free = free < 0 ? slot : free;
            } else if (Arrays.equals(entry.bytes, 0, entry.bytes.length, bytes, from, to)) {
                return entry.name;
            }
        }
        String name = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        table[free < 0 ? home : free] = new Entry(Arrays.copyOfRange(bytes, from, to), name);
        return name;
    }
}
