package io.customerinfo.query.store;

import java.nio.charset.StandardCharsets;

/**
 * The Redis key names the query API reads (docs/architecture.md, pinned by
 * {@code schemas/redis-layout.json}). All keys of one customer share the hash tag {@code {<cid>}}.
 */
public final class RedisKeys {

    public static final String NAMESPACE = "cinfo";
    public static final String ACTIVE = NAMESPACE + ":active";
    static final byte[] ACTIVE_BYTES = ACTIVE.getBytes(StandardCharsets.US_ASCII);

    private RedisKeys() {
    }

    /** {@code cinfo:g<generation>:{<cid>}:doc}: the stored view of one customer. */
    public static String doc(long generation, String customerId) {
        return NAMESPACE + ":g" + generation + ":{" + customerId + "}:doc";
    }

    /** The same key as {@link #doc}, as bytes; {@code customerId} is ASCII digits (validated upstream). */
    public static byte[] docBytes(long generation, String customerId) {
        return doc(generation, customerId).getBytes(StandardCharsets.US_ASCII);
    }
}
