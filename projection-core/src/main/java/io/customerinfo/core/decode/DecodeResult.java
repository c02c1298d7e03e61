package io.customerinfo.core.decode;

import io.customerinfo.core.event.ChangeEvent;

/** What one Kafka record decodes to. */
public sealed interface DecodeResult {

    /** A valid change event. */
    record Decoded(ChangeEvent event) implements DecodeResult {
    }

    /** A compaction tombstone (null value): carries no change, skip it. */
    record Tombstone() implements DecodeResult {
        public static final Tombstone INSTANCE = new Tombstone();
    }

    /** An invalid record: dead-letter it with {@code reason.code()}, never retry it. */
    record Rejected(RejectReason reason, String detail) implements DecodeResult {
    }
}
