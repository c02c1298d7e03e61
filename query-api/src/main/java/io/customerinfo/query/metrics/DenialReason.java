package io.customerinfo.query.metrics;

import java.util.Locale;

/** Why a caller was refused; the {@code reason} tag of {@code query.auth.denials}. */
public enum DenialReason {
    /** No {@code X-Api-Key} nor bearer token. */
    MISSING_KEY,
    /** A key that matches no configured hash. */
    UNKNOWN_KEY,
    /** A known key asking for a customer of an org outside its set (answered as not found). */
    ORG;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
