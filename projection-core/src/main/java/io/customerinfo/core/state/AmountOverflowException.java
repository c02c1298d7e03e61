package io.customerinfo.core.state;

/**
 * Applying an order would take one of its customer's sums (receivable, a month's purchases) beyond what 64-bit
 * cents hold: every amount was valid, their total is not. The input's problem, not ours: the projector
 * dead-letters the order as {@code amount_overflow} ({@link io.customerinfo.core.decode.RejectReason#AMOUNT_OVERFLOW})
 * and the customer's state is left as it was before the order.
 */
public final class AmountOverflowException extends RuntimeException {

    public AmountOverflowException(String message) {
        super(message);
    }
}
