package io.customerinfo.simulator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The contract's event envelope as compact UTF-8 JSON, members in the contract's order. */
final class EventEncoder {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private EventEncoder() {
    }

    static ObjectNode envelope(String eventId, String op, Entity entity, String id, String customerId, long version,
                               long occurredAt, ObjectNode data) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("event_id", eventId);
        e.put("op", op);
        e.put("entity", entity.wireName());
        e.put("id", id);
        e.put("customer_id", customerId);
        e.put("version", version);
        e.put("occurred_at", occurredAt);
        if (data != null) {
            e.set("data", data);
        }
        return e;
    }

    static byte[] bytes(ObjectNode node) {
        return JSON.writeValueAsBytes(node);
    }
}
