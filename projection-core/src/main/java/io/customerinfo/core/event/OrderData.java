package io.customerinfo.core.event;

/**
 * The fields of an order row that the document derives from. Amounts are exact cents.
 *
 * @param createdAt epoch second of the order's {@code created_at}
 */
public record OrderData(long createdAt, String salesOrderSn, long amountCents, long paidAmountCents, String status)
        implements EntityData {

    public static final String CANCELLED = "cancelled";

    public OrderData {
        if (salesOrderSn == null || status == null) {
            throw new IllegalArgumentException("sales_order_sn and status are required");
        }
    }

    /** Cancelled orders are left out of counts, sums and the order list. */
    public boolean cancelled() {
        return CANCELLED.equals(status);
    }
}
