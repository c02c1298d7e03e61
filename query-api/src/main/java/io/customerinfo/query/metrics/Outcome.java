package io.customerinfo.query.metrics;

import java.util.Locale;

/** How a request ended; the {@code outcome} tag of the request metrics. */
public enum Outcome {
    OK, NOT_MODIFIED, BAD_REQUEST, NOT_FOUND, UNAUTHORIZED, TOO_LARGE, RATE_LIMITED, UNAVAILABLE, ERROR;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
