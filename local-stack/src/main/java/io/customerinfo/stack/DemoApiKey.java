package io.customerinfo.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The demo caller the local stack configures: the query API keeps API keys only as SHA-256 hashes
 * ({@code QUERY_API_KEYS} = {@code name:sha256hex:orgs}), so the stack hashes the key it prints.
 */
final class DemoApiKey {

    static final String CALLER = "demo";

    private DemoApiKey() {
    }

    /** {@code demo:<sha256 hex of key>:*}: the demo caller may read every org. */
    static String queryApiKeysSetting(String key) {
        return CALLER + ":" + sha256Hex(key) + ":*";
    }

    static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
