package io.customerinfo.query.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * Reads stored views. Every method is one round trip to the store and throws
 * {@link StoreUnavailableException} when the store is down or slower than the configured timeout.
 */
public interface CustomerDocumentStore {

    /** The stored view of one customer in {@code generation}, or null when there is none. */
    byte[] find(long generation, String customerId);

    /** The stored views of {@code customerIds} in their order, null where there is none. */
    List<byte[]> findAll(long generation, List<String> customerIds);

    /** The generation named by {@code cinfo:active}, empty when the marker is absent. */
    OptionalLong activeGeneration();

    /** Throws {@link StoreUnavailableException} unless the store answers a ping. */
    void ping();
}
