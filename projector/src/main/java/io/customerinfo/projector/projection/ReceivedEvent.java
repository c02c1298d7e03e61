package io.customerinfo.projector.projection;

import io.customerinfo.core.event.ChangeEvent;

/** A decoded event with where it came from: its topic (for metrics) and its Kafka record timestamp. */
public record ReceivedEvent(ChangeEvent event, String topic, long recordTimestamp) {}
