package io.customerinfo.simulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * One change of one entity at the source: an upsert with the full row, or a delete ({@code data} null).
 * {@code data} is the world's live row: encode it before the next change.
 */
record Change(Entity entity, String id, String customerId, long version, long occurredAt, ObjectNode data) {

    boolean isDelete() {
        return data == null;
    }
}
