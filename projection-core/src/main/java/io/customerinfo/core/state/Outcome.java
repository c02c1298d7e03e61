package io.customerinfo.core.state;

/** What applying one change did to a customer's state. */
public enum Outcome {
    /** The change was newer than what the state held and is now in it. */
    APPLIED,
    /** The state already holds a newer version of the entity: nothing changed. */
    STALE,
    /** The state already holds exactly this version (a redelivery): nothing changed. */
    DUPLICATE
}
