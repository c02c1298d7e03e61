package io.customerinfo.query.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.customerinfo.query.store.CustomerDocumentStore;
import io.customerinfo.query.store.StoreUnavailableException;
import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.StateFields;

/** An in-memory store keyed like Redis; can play a store that is down. */
public final class FakeDocumentStore implements CustomerDocumentStore {

    private final Map<String, byte[]> values = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong versionReads = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean unavailable;
    private volatile Long activeGeneration;

    public void put(long generation, String cid, byte[] view) {
        values.put(RedisKeys.doc(generation, cid), view);
    }

    /** Puts a view together with the versions its state applied ({@code "contact:7"} -> 3, ...), as one commit. */
    public synchronized void commit(long generation, String cid, byte[] view, Map<String, Long> appliedVersions) {
        appliedVersions.forEach((entity, version) -> versions.put(generation + "|" + cid + "|" + entity, version));
        if (view != null) {
            values.put(RedisKeys.doc(generation, cid), view);
        }
    }

    /** How many times {@link #findWithVersions} was called (read-your-writes checks). */
    public long versionReads() {
        return versionReads.get();
    }

    public void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    public void activeGeneration(Long generation) {
        this.activeGeneration = generation;
    }

    public void reset() {
        values.clear();
        versions.clear();
        unavailable = false;
        activeGeneration = null;
    }

    private void check() {
        if (unavailable) {
            throw new StoreUnavailableException("fake store is down", null);
        }
    }

    @Override
    public byte[] find(long generation, String customerId) {
        check();
        return values.get(RedisKeys.doc(generation, customerId));
    }

    @Override
    public List<byte[]> findAll(long generation, List<String> customerIds) {
        check();
        List<byte[]> result = new ArrayList<>();
        for (String cid : customerIds) {
            result.add(values.get(RedisKeys.doc(generation, cid)));
        }
        return result;
    }

    @Override
    public synchronized Versioned findWithVersions(long generation, String customerId,
            List<StateFields.Location> entities) {
        versionReads.incrementAndGet();
        check();
        long[] found = new long[entities.size()];
        for (int i = 0; i < found.length; i++) {
            StateFields.Location at = entities.get(i);
            String entity = at.orders() ? "order:" + at.field() : at.field();
            found[i] = versions.getOrDefault(generation + "|" + customerId + "|" + entity, 0L);
        }
        return new Versioned(found, values.get(RedisKeys.doc(generation, customerId)));
    }

    @Override
    public OptionalLong activeGeneration() {
        check();
        Long g = activeGeneration;
        return g == null ? OptionalLong.empty() : OptionalLong.of(g);
    }

    @Override
    public void ping() {
        check();
    }
}
