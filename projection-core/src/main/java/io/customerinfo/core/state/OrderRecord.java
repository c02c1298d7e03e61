package io.customerinfo.core.state;

import io.customerinfo.core.event.OrderData;

/**
 * An order of this customer at a version, reduced to what the document derives from; a tombstone
 * ({@code live == false}) after a delete or after it moved to another customer.
 */
public record OrderRecord(long version, boolean live, long createdAt, long amountCents, long paidCents,
                          boolean cancelled, String salesOrderSn) {

    public static OrderRecord of(long version, OrderData data) {
        return new OrderRecord(version, true, data.createdAt(), data.amountCents(), data.paidAmountCents(),
                data.cancelled(), data.salesOrderSn());
    }

    public static OrderRecord tombstone(long version) {
        return new OrderRecord(version, false, 0, 0, 0, false, "");
    }

    /** Live and not cancelled: counted, summed and listed. */
    public boolean counted() {
        return live && !cancelled;
    }

    /** What this order owes: amount minus paid amount. */
    public long receivableCents() {
        return amountCents - paidCents;
    }
}
