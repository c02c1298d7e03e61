package io.customerinfo.readmodel;

import java.nio.charset.StandardCharsets;

/**
 * The one owner of the read model's Redis key layout, for the projector that writes it and the query API that
 * reads it (docs/architecture.md, pinned by {@code schemas/redis-layout.json}). Every key of one customer carries the hash tag {@code {<customer id>}} so
 * that the commit script touches one cluster slot; every data key carries the generation so that a rebuild can
 * fill {@code g<N+1>} beside the live {@code g<N>}.
 */
public final class RedisKeys {

    public static final String NAMESPACE = "cinfo";
    /** String: the generation the query API serves (see {@link GenerationMarker}). */
    public static final String ACTIVE = NAMESPACE + ":active";
    public static final byte[] ACTIVE_BYTES = bytes(ACTIVE);
    /** Hash: the state of the current or last rebuild (see {@code rebuild.RebuildLedger}); field {@link #HANDOFF}. */
    public static final String REBUILD = NAMESPACE + ":rebuild";
    /** Field of {@link #REBUILD}: the generation live consumers write while a rebuild hands it over. */
    public static final String HANDOFF = "handoff";
    /** String with a lease: the instance running the rebuild. */
    public static final String REBUILD_LOCK = NAMESPACE + ":rebuild:lock";

    private static final byte[] DOC = bytes("}:doc");
    private static final byte[] ENTS = bytes("}:ents");
    private static final byte[] ORDERS = bytes("}:orders");
    private static final byte[] AGG = bytes("}:agg");
    private static final byte[] RECENT = bytes("}:recent");

    private final int generation;
    private final String prefix;
    /** {@code cinfo:g<N>:{}, the bytes every customer key starts with. */
    private final byte[] customerPrefix;
    private final int ownerBuckets;

    public RedisKeys(int generation, int ownerBuckets) {
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be >= 1, was " + generation);
        }
        if (ownerBuckets < 1) {
            throw new IllegalArgumentException("owner index buckets must be >= 1, was " + ownerBuckets);
        }
        this.generation = generation;
        this.prefix = NAMESPACE + ":g" + generation + ":";
        this.customerPrefix = bytes(prefix + "{");
        this.ownerBuckets = ownerBuckets;
    }

    public int generation() {
        return generation;
    }

    /** {@link #doc}, {@link #ents}, ... as bytes, built without intermediate strings (ten per customer per poll). */
    public byte[] docKey(long customerId) {
        return customerKey(customerId, DOC);
    }

    public byte[] entsKey(long customerId) {
        return customerKey(customerId, ENTS);
    }

    public byte[] ordersKey(long customerId) {
        return customerKey(customerId, ORDERS);
    }

    public byte[] aggKey(long customerId) {
        return customerKey(customerId, AGG);
    }

    public byte[] recentKey(long customerId) {
        return customerKey(customerId, RECENT);
    }

    private byte[] customerKey(long customerId, byte[] suffix) {
        if (customerId < 0) {
            throw new IllegalArgumentException("customer ids are not negative: " + customerId);
        }
        int digits = 1;
        for (long v = customerId / 10; v > 0; v /= 10) {
            digits++;
        }
        byte[] key = new byte[customerPrefix.length + digits + suffix.length];
        System.arraycopy(customerPrefix, 0, key, 0, customerPrefix.length);
        long v = customerId;
        for (int i = customerPrefix.length + digits - 1; i >= customerPrefix.length; i--) {
            key[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        System.arraycopy(suffix, 0, key, customerPrefix.length + digits, suffix.length);
        return key;
    }

    /**
     * The stored view of one customer in {@code generation}, for a reader that holds the generation as a number
     * and the id as validated decimal text: the same key as {@code new RedisKeys(generation, n).doc(customerId)}.
     */
    public static String doc(long generation, String customerId) {
        return NAMESPACE + ":g" + generation + ":{" + customerId + "}:doc";
    }

    /** {@link #doc(long, String)} as bytes; {@code customerId} is ASCII digits. */
    public static byte[] docBytes(long generation, String customerId) {
        return doc(generation, customerId).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The state hash of one customer in {@code generation} that holds the entity at {@code location}
     * ({@code ents} or {@code orders}), for a reader: the same key as {@link #entsKey} or {@link #ordersKey}.
     */
    public static byte[] stateBytes(long generation, String customerId, StateFields.Location location) {
        return (NAMESPACE + ":g" + generation + ":{" + customerId + "}:" + (location.orders() ? "orders" : "ents"))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A {@code SCAN MATCH} pattern of every key of this generation (and of no other). */
    public String pattern() {
        return prefix + "*";
    }

    public String doc(String customerId) {
        return customerKey(customerId, "doc");
    }

    public String ents(String customerId) {
        return customerKey(customerId, "ents");
    }

    public String orders(String customerId) {
        return customerKey(customerId, "orders");
    }

    public String agg(String customerId) {
        return customerKey(customerId, "agg");
    }

    public String recent(String customerId) {
        return customerKey(customerId, "recent");
    }

    /** The owner-index hash that holds {@link #ownerField} of this entity. */
    public String ownerIndex(String kind, String entityId) {
        return prefix + "own:{" + ownerBucket(kind, entityId) + "}";
    }

    /** Field of an entity in its owner-index hash; the value is {@code <customer id>:<version>}. */
    public static String ownerField(String kind, String entityId) {
        return kind + ":" + entityId;
    }

    public int ownerBucket(String kind, String entityId) {
        return Math.floorMod(ownerField(kind, entityId).hashCode(), ownerBuckets);
    }

    /** Applied positions of one consumer group: field {@code <topic>:<partition>}, value the next offset. */
    public String positions(String groupId) {
        return prefix + "pos:{" + groupId + "}";
    }

    public static String positionField(String topic, int partition) {
        return topic + ":" + partition;
    }

    private String customerKey(String customerId, String part) {
        return prefix + "{" + customerId + "}:" + part;
    }

    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
