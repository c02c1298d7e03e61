package io.customerinfo.core.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.customerinfo.core.event.EntityKind;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds change events as the CRM publishes them: Kafka records on the contract's topics, keyed by the entity
 * id, the value the event's JSON (an object mother for tests that feed the decoder or the reference model).
 */
public final class WireEvents {

    private WireEvents() {
    }

    /** A customer row with id, org_id, name, total_infos, the two edit flags and the given extra text members. */
    public static Contract.Record customer(long id, long version, String name, Map<String, String> extra) {
        ObjectNode data = Contract.JSON.createObjectNode();
        data.put("id", Long.toString(id));
        data.put("org_id", "1");
        data.put("name", name);
        data.putObject("total_infos").put("service3d", "1").put("contract", "0").put("service", "0");
        data.put("_can_edit_area_id", 1);
        data.put("_can_edit_price_range", 1);
        extra.forEach(data::put);
        return record(EntityKind.CUSTOMER, id, id, version, data);
    }

    public static Contract.Record child(EntityKind kind, long id, long customerId, long version, boolean isDefault, String label) {
        ObjectNode data = Contract.JSON.createObjectNode();
        data.put("id", Long.toString(id));
        data.put("customer_id", Long.toString(customerId));
        data.put("name", label);
        data.put("is_default", isDefault ? "1" : "0");
        return record(kind, id, customerId, version, data);
    }

    /** An order: amount and paid as decimal strings, created_at in epoch seconds. */
    public static Contract.Record order(long id, long customerId, long version, long createdAtSecond, String amount,
                                        String paid, String status) {
        ObjectNode data = Contract.JSON.createObjectNode();
        data.put("id", Long.toString(id));
        data.put("customer_id", Long.toString(customerId));
        data.put("sales_order_sn", "SO" + id);
        data.put("amount", amount);
        data.put("paid_amount", paid);
        data.put("status", status);
        data.put("created_at", Long.toString(createdAtSecond));
        return record(EntityKind.ORDER, id, customerId, version, data);
    }

    public static Contract.Record delete(EntityKind kind, long id, long customerId, long version) {
        return record(kind, id, customerId, version, null);
    }

    private static Contract.Record record(EntityKind kind, long id, long customerId, long version, ObjectNode data) {
        ObjectNode event = Contract.JSON.createObjectNode();
        event.put("event_id", kind.wireName() + "-" + id + "-" + version);
        event.put("op", data == null ? "delete" : "upsert");
        event.put("entity", kind.wireName());
        event.put("id", Long.toString(id));
        event.put("customer_id", Long.toString(customerId));
        event.put("version", version);
        event.put("occurred_at", version);
        if (data != null) {
            event.set("data", data);
        }
        return new Contract.Record("crm." + kind.wireName(), Long.toString(id).getBytes(StandardCharsets.UTF_8),
                Contract.JSON.writeValueAsBytes(event));
    }
}
