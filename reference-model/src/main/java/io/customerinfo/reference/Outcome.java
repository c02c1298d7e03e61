package io.customerinfo.reference;

/** What one Kafka record did to the reference model. */
public enum Outcome {
    /** A valid event with a version higher than the entity's latest: it is now the latest. */
    APPLIED,
    /** A valid event whose version is not higher than the entity's latest: it changes nothing. */
    STALE,
    /** A record with a null value (a compaction tombstone): carries no change. */
    TOMBSTONE,
    /** A record the contract does not allow; see {@link ReferenceModel#rejected()}. */
    REJECTED
}
