package io.customerinfo.query.store;

/** Redis could not be reached, or did not answer within the configured timeout. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
