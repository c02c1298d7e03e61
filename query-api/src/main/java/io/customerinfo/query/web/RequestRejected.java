package io.customerinfo.query.web;

/** Ends a request with an error envelope; {@code detail} is appended to the row's message. */
public class RequestRejected extends RuntimeException {

    private final ErrorCode code;
    private final long retryAfterSeconds;

    public RequestRejected(ErrorCode code, String detail) {
        this(code, detail, 0);
    }

    public RequestRejected(ErrorCode code, String detail, long retryAfterSeconds) {
        super(detail == null ? code.message() : code.message() + ": " + detail, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
