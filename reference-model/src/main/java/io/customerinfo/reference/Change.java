package io.customerinfo.reference;

import tools.jackson.databind.node.ObjectNode;

/**
 * One accepted change event: the entity, its owner as the envelope names it, its version, and for an
 * upsert the entity's full row ({@code data}); a delete has no row.
 */
record Change(Entity entity, String id, String customerId, long version, ObjectNode row) {

    boolean isDelete() {
        return row == null;
    }

    /** Entities are identified by kind and id: the same id on two topics is two entities. */
    String entityKey() {
        return entity.wireName() + ":" + id;
    }
}
