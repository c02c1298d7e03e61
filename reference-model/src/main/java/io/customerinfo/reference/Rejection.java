package io.customerinfo.reference;

/**
 * A record the contract does not allow, with the reference model's own reason. The reasons are this
 * model's names; the contract names none, so tests compare only that a record was rejected.
 */
public record Rejection(String topic, byte[] key, byte[] value, String reason, String detail) {

    @Override
    public String toString() {
        return "Rejection[" + topic + " key " + (key == null ? "null" : new String(key, java.nio.charset.StandardCharsets.UTF_8))
                + ": " + reason + " (" + detail + ")]";
    }
}
