package io.customerinfo.query.store;

import java.util.List;
import java.util.OptionalLong;

import io.customerinfo.readmodel.StateFields;

/**
 * Reads stored views. Every method is one round trip to the store and throws
 * {@link StoreUnavailableException} when the store is down or slower than the configured timeout.
 */
public interface CustomerDocumentStore {

    /** The stored view of one customer in {@code generation}, or null when there is none. */
    byte[] find(long generation, String customerId);

    /** The stored views of {@code customerIds} in their order, null where there is none. */
    List<byte[]> findAll(long generation, List<String> customerIds);

    /**
     * The versions at which {@code entities} are applied in the customer's state (0 where the state holds no
     * record of one), then the customer's stored view (null when none), read in that order in one round trip.
     * The projector commits a customer's state and view together, so a view read after a version is at least as
     * new as the commit that applied that version.
     */
    Versioned findWithVersions(long generation, String customerId, List<StateFields.Location> entities);

    /** What {@link #findWithVersions} read: one applied version per entity asked, and the stored view. */
    record Versioned(long[] versions, byte[] view) {
    }

    /** The generation named by {@code cinfo:active}, empty when the marker is absent. */
    OptionalLong activeGeneration();

    /** Throws {@link StoreUnavailableException} unless the store answers a ping. */
    void ping();
}
