package io.customerinfo.query.web;

/** {@code ETag: "<generation>.<rev>.<serving month>"} and the {@code If-None-Match} test. */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long generation, long rev, int servingMonth) {
        return "\"" + generation + "." + rev + "." + servingMonth + "\"";
    }

    /** Whether an {@code If-None-Match} header (a list, weak tags or {@code *}) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isEmpty()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
