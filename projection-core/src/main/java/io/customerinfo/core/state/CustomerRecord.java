package io.customerinfo.core.state;

import io.customerinfo.core.event.CustomerData;

/** The customer entity at a version: its row, or a tombstone ({@code data == null}) after a delete. */
public record CustomerRecord(long version, CustomerData data) {

    public boolean live() {
        return data != null;
    }
}
