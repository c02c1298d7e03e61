package io.customerinfo.query.auth;

import java.util.Set;

/**
 * An authenticated caller: its name (for logs), the org_ids whose customers it may read, and its
 * own rate limiter.
 */
public record Caller(String name, boolean allOrgs, Set<String> orgIds, RateLimiter rateLimiter) {

    public boolean maySee(String orgId) {
        return allOrgs || orgIds.contains(orgId);
    }
}
