package io.customerinfo.core.route;

import java.nio.charset.StandardCharsets;

/**
 * The owner of a child entity: the customer named by its latest applied version.
 * Stored in the owner index as {@code <customer id>:<version>} (ASCII).
 */
public record Owner(long customerId, long version) {

    public byte[] encode() {
        return (customerId + ":" + version).getBytes(StandardCharsets.US_ASCII);
    }

    /** @throws IllegalArgumentException when the bytes are not {@code <customer id>:<version>} */
    public static Owner decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        try {
            return new Owner(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an owner record <customer id>:<version>: '" + text + "'", e);
        }
    }
}
