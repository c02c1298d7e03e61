package io.customerinfo.core.state;

import io.customerinfo.core.event.ChildData;

/**
 * A contact, address or invoice of this customer at a version: its row, or a tombstone
 * ({@code data == null}) after a delete or after it moved to another customer.
 */
public record ChildRecord(long version, ChildData data) {

    public boolean live() {
        return data != null;
    }
}
