package io.customerinfo.projector.rebuild;

/** Where a rebuild is; the unfinished ones are resumed by whichever instance next holds the lock. */
public enum RebuildStatus {
    /** Replaying the topics into the target generation. */
    RUNNING,
    /** Caught up; live consumers write the target generation and catch up there; readers still on the source. */
    HANDOFF,
    /** {@code cinfo:active} names the target; the source generation is being deleted. */
    SWITCHED,
    DONE,
    CANCELLED;

    public boolean unfinished() {
        return this == RUNNING || this == HANDOFF || this == SWITCHED;
    }
}
