package io.customerinfo.query.auth;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One configured caller: {@code name:sha256hex:orgs[:perSecond]}, where {@code orgs} is {@code *} or
 * org ids separated by {@code ,}. Entries of the {@code query.auth.keys} setting are separated by {@code ;}.
 */
public record ApiKeySpec(byte[] sha256, Caller caller) {

    /**
     * Parses the whole setting; {@code limiterFor} makes each caller its own limiter from the entry's
     * rate (null when the entry names none).
     */
    public static List<ApiKeySpec> parseAll(String setting, Function<Double, RateLimiter> limiterFor) {
        List<ApiKeySpec> specs = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return specs;
        }
        for (String entry : setting.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalArgumentException("API key entry '" + describe(parts) + "' is not name:sha256hex:orgs[:perSecond]");
            }
            String name = parts[0].trim();
            String hex = parts[1].trim();
            if (hex.length() != 64) {
                throw new IllegalArgumentException("API key '" + name + "': the hash must be 64 hex digits of SHA-256");
            }
            byte[] sha256 = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
            String orgs = parts[2].trim();
            boolean all = orgs.equals("*");
            Set<String> orgIds = new LinkedHashSet<>();
            if (!all) {
                for (String org : orgs.split(",")) {
                    if (!org.isBlank()) {
                        orgIds.add(org.trim());
                    }
                }
                if (orgIds.isEmpty()) {
                    throw new IllegalArgumentException("API key '" + name + "' names no org (use * for all)");
                }
            }
            RateLimiter limiter = limiterFor.apply(parts.length == 4 ? Double.valueOf(parts[3].trim()) : null);
            specs.add(new ApiKeySpec(sha256, new Caller(name, all, Set.copyOf(orgIds), limiter)));
        }
        return specs;
    }

    private static String describe(String[] parts) {
        return parts.length == 0 ? "" : parts[0] + ":...";
    }
}
