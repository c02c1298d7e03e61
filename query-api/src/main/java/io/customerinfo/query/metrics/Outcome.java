package io.customerinfo.query.metrics;

import java.util.Locale;

/**
 * How a request ended; the {@code outcome} tag of the request metrics. {@code TIMEOUT}: the body did not
 * arrive in time (1408); {@code ABORTED}: the client went away before it had its answer.
 */
public enum Outcome {
    OK, NOT_MODIFIED, BAD_REQUEST, NOT_FOUND, UNAUTHORIZED, TIMEOUT, TOO_LARGE, RATE_LIMITED, UNAVAILABLE, ERROR, ABORTED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
