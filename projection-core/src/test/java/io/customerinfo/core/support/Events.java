package io.customerinfo.core.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.ChildData;
import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.event.Op;
import io.customerinfo.core.event.OrderData;
import io.customerinfo.core.json.CompactJson;

/** Builds change events for tests (an object mother). */
public final class Events {

    private Events() {
    }

    public static ChangeEvent customer(long id, long version, String name) {
        return customer(id, version, name, Map.of());
    }

    /** A customer row with id, org_id, name and the given extra members (values are JSON). */
    public static ChangeEvent customer(long id, long version, String name, Map<String, String> extraJson) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("id", quote(Long.toString(id)));
        members.put("org_id", quote("1"));
        members.put("name", quote(name));
        members.put("total_infos", "{\"service3d\":\"1\",\"contract\":\"0\",\"service\":\"0\"}");
        members.put("_can_edit_area_id", "1");
        members.put("_can_edit_price_range", "1");
        members.putAll(extraJson);
        StringBuilder json = new StringBuilder("{");
        members.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
        json.append('}');
        CustomerData data = CustomerData.ofJson(json.toString().getBytes(StandardCharsets.UTF_8));
        return new ChangeEvent(eventId(EntityKind.CUSTOMER, id, version), Op.UPSERT, EntityKind.CUSTOMER, id, id, version, version, data);
    }

    public static ChangeEvent child(EntityKind kind, long id, long customerId, long version, boolean isDefault, String label) {
        String json = "{\"id\":" + quote(Long.toString(id)) + ",\"customer_id\":" + quote(Long.toString(customerId))
                + ",\"name\":" + quote(label) + ",\"is_default\":" + quote(isDefault ? "1" : "0") + "}";
        ChildData data = new ChildData(json.getBytes(StandardCharsets.UTF_8), isDefault);
        return new ChangeEvent(eventId(kind, id, version), Op.UPSERT, kind, id, customerId, version, version, data);
    }

    public static ChangeEvent contact(long id, long customerId, long version) {
        return child(EntityKind.CONTACT, id, customerId, version, false, "contact " + id + " v" + version);
    }

    /** An order: amount and paid as decimal strings, created_at as an instant. */
    public static ChangeEvent order(long id, long customerId, long version, Instant createdAt, String amount, String paid,
                                    String status) {
        OrderData data = new OrderData(createdAt.getEpochSecond(), "SO" + id, cents(amount), cents(paid), status);
        return new ChangeEvent(eventId(EntityKind.ORDER, id, version), Op.UPSERT, EntityKind.ORDER, id, customerId, version,
                version, data);
    }

    public static ChangeEvent order(long id, long customerId, long version, long createdAtSecond, String amount) {
        return order(id, customerId, version, Instant.ofEpochSecond(createdAtSecond), amount, "0", "open");
    }

    public static ChangeEvent delete(EntityKind kind, long id, long customerId, long version) {
        return new ChangeEvent(eventId(kind, id, version), Op.DELETE, kind, id, customerId, version, version, null);
    }

    private static long cents(String amount) {
        long cents = io.customerinfo.readmodel.Cents.parse(amount);
        if (cents < 0) {
            throw new IllegalArgumentException("not an amount: " + amount);
        }
        return cents;
    }

    private static String eventId(EntityKind kind, long id, long version) {
        return kind.wireName() + "-" + id + "-" + version;
    }

    private static String quote(String text) {
        return new String(CompactJson.quote(text), StandardCharsets.UTF_8);
    }
}
