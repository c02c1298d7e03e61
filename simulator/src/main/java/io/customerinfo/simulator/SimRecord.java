package io.customerinfo.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record of a simulated stream. {@code value} is null for a tombstone; {@code poison} is the
 * kind of damage for a poison record, null for a valid one.
 */
public record SimRecord(String topic, byte[] key, byte[] value, PoisonKind poison) {

    public SimRecord {
        Objects.requireNonNull(topic, "topic");
    }

    public static SimRecord valid(String topic, String key, byte[] value) {
        return new SimRecord(topic, key.getBytes(StandardCharsets.UTF_8), value, null);
    }

    public static SimRecord tombstone(String topic, String key) {
        return new SimRecord(topic, key.getBytes(StandardCharsets.UTF_8), null, null);
    }

    public boolean isTombstone() {
        return value == null;
    }

    public boolean isPoison() {
        return poison != null;
    }

    /** The key as UTF-8 text (all generated keys are decimal ids). */
    public String keyString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimRecord r && topic.equals(r.topic) && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value) && poison == r.poison;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(key), Arrays.hashCode(value), poison);
    }

    @Override
    public String toString() {
        String shown = value == null ? "null"
                : value.length > 120 ? new String(value, 0, 120, StandardCharsets.UTF_8) + "...(" + value.length + " bytes)"
                : new String(value, StandardCharsets.UTF_8);
        return "SimRecord[" + topic + " key=" + keyString() + (poison == null ? "" : " poison=" + poison) + " value=" + shown + "]";
    }
}
