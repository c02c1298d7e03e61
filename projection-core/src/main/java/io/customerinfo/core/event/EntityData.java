package io.customerinfo.core.event;

/** The typed {@code data} of an upsert; its type follows the event's {@link EntityKind}. */
public sealed interface EntityData permits CustomerData, ChildData, OrderData {
}
