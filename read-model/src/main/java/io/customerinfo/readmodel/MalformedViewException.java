package io.customerinfo.readmodel;

/** A stored view whose header does not follow {@code CIV1|rev|cache_at|org_id|month|months\n}. */
public class MalformedViewException extends IllegalArgumentException {

    public MalformedViewException(String message) {
        super(message);
    }
}
