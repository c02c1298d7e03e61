package io.customerinfo.query.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the caller of a presented API key: the key's SHA-256 is compared in constant time
 * ({@link MessageDigest#isEqual}) with every configured hash. Known keys are remembered, so a
 * caller's steady traffic costs one map lookup; unknown keys are not remembered (and so cannot fill
 * the memory), each costs a hash.
 */
public final class ApiKeyAuthenticator {

    private static final int MAX_REMEMBERED = 10_000;

    private record Entry(byte[] sha256, Caller caller) {
    }

    private final boolean enabled;
    private final Caller anonymous;
    private final List<Entry> entries;
    private final ConcurrentHashMap<String, Caller> known = new ConcurrentHashMap<>();

    public ApiKeyAuthenticator(boolean enabled, List<ApiKeySpec> keys, RateLimiter anonymousLimiter) {
        this.enabled = enabled;
        this.anonymous = new Caller("anonymous", true, java.util.Set.of(), anonymousLimiter);
        this.entries = keys.stream().map(k -> new Entry(k.sha256(), k.caller())).toList();
    }

    public boolean enabled() {
        return enabled;
    }

    /** The caller for a presented key, or null when the key matches no configured hash. */
    public Caller authenticate(String presentedKey) {
        if (!enabled) {
            return anonymous;
        }
        Caller caller = known.get(presentedKey);
        if (caller != null) {
            return caller;
        }
        byte[] digest = sha256(presentedKey);
        for (Entry e : entries) {
            if (MessageDigest.isEqual(digest, e.sha256())) {
                caller = e.caller();
            }
        }
        if (caller != null && known.size() < MAX_REMEMBERED) {
            known.put(presentedKey, caller);
        }
        return caller;
    }

    /** The hex SHA-256 of a key, the form in which keys are configured. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
