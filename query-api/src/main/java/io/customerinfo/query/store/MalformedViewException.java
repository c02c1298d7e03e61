package io.customerinfo.query.store;

/** A stored view whose header does not follow {@code CIV1|rev|cache_at|org_id|month|months\n}. */
public class MalformedViewException extends RuntimeException {

    public MalformedViewException(String message) {
        super(message);
    }
}
