package io.customerinfo.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the poison records of {@link PoisonKind}. Kinds come round-robin (so a short stream has every kind);
 * {@link PoisonKind#OVERSIZED} is skipped once {@code maxOversized} of them were made.
 */
final class PoisonFactory {

    static final int OVERSIZED_BYTES = 2 * 1024 * 1024;
    private static final byte[] NON_UTF8_MARK = "NONUTF8MARK".getBytes(StandardCharsets.US_ASCII);

    private final Topics topics;
    private final CrmWorld world;
    private final SplittableRandom random;
    private final List<PoisonKind> kinds;
    private final int maxOversized;
    private final String runTag;
    private long nextId = CrmWorld.POISON_ID_BASE;
    private int turn;
    private int oversized;

    PoisonFactory(SimulationConfig config, CrmWorld world, SplittableRandom random, String runTag) {
        this.topics = config.topics();
        this.world = world;
        this.random = random;
        this.kinds = config.poisonKinds().stream().sorted().toList();
        this.maxOversized = config.maxOversized();
        this.runTag = runTag;
    }

    /** The next poison record, or null when the only kinds left are capped. */
    SimRecord next(long now) {
        for (int i = 0; i < kinds.size(); i++) {
            PoisonKind kind = kinds.get(turn++ % kinds.size());
            if (kind == PoisonKind.OVERSIZED && oversized >= maxOversized) {
                continue;
            }
            return make(kind, now);
        }
        return null;
    }

    private SimRecord make(PoisonKind kind, long now) {
        String key = String.valueOf(nextId++);
        String customerId = world.anyCustomerId();
        Entity entity = Entity.values()[random.nextInt(Entity.values().length)];
        return switch (kind) {
            case MALFORMED_JSON -> {
                byte[] whole = EventEncoder.bytes(upsert(entity, key, customerId, now));
                int cut = whole.length / 2;
                while ((whole[cut] & 0x80) != 0) {
                    cut++; // cut on a character boundary: broken JSON, but still UTF-8
                }
                yield poison(kind, topics.of(entity), key, Arrays.copyOf(whole, cut));
            }
            case NON_UTF8 -> {
                ObjectNode event = upsert(entity, key, customerId, now);
                event.put("event_id", new String(NON_UTF8_MARK, StandardCharsets.US_ASCII) + "-" + key);
                yield poison(kind, topics.of(entity), key, latin1Byte(EventEncoder.bytes(event)));
            }
            case SCHEMA_INVALID -> {
                ObjectNode event = upsert(entity, key, customerId, now);
                event.remove("id");
                ((ObjectNode) event.get("data")).remove("id");
                yield poison(kind, topics.of(entity), key, EventEncoder.bytes(event));
            }
            case WRONG_ENTITY_FOR_TOPIC ->
                    poison(kind, topics.order(), key, EventEncoder.bytes(upsert(Entity.CONTACT, key, customerId, now)));
            case NEGATIVE_VERSION -> {
                ObjectNode event = upsert(entity, key, customerId, now);
                event.put("version", -1L);
                yield poison(kind, topics.of(entity), key, EventEncoder.bytes(event));
            }
            case OVERSIZED -> {
                oversized++;
                ObjectNode event = upsert(Entity.CONTACT, key, customerId, now);
                ((ObjectNode) event.get("data")).put("remark", "a".repeat(OVERSIZED_BYTES));
                yield poison(kind, topics.contact(), key, EventEncoder.bytes(event));
            }
            case KEY_ID_MISMATCH -> poison(kind, topics.order(), key, EventEncoder.bytes(mismatchedOrder(customerId, now)));
            case BAD_AMOUNT -> {
                ObjectNode event = upsert(Entity.ORDER, key, customerId, now);
                ((ObjectNode) event.get("data")).put("amount", "12.345");
                yield poison(kind, topics.order(), key, EventEncoder.bytes(event));
            }
        };
    }

    /** A valid order upsert, newer than anything the source has, for a real live order: but keyed otherwise. */
    private ObjectNode mismatchedOrder(String customerId, long now) {
        CrmWorld.Row order = world.anyLiveOrder();
        if (order == null) {
            return upsert(Entity.ORDER, String.valueOf(nextId++), customerId, now);
        }
        ObjectNode data = order.data.deepCopy();
        data.put("amount", "99999.99");
        data.put("status", "open");
        long version = order.version + 1_000_000_000L;
        return EventEncoder.envelope(eventId(order.id), "upsert", Entity.ORDER, order.id, order.customerId, version,
                version, data);
    }

    private ObjectNode upsert(Entity entity, String id, String customerId, long now) {
        long seconds = now / 1000;
        CrmRows rows = world.rows();
        ObjectNode data = switch (entity) {
            case CUSTOMER -> rows.customer(id, seconds);
            case CONTACT -> rows.contact(id, customerId, false, seconds);
            case ADDRESS -> rows.address(id, customerId, false, seconds);
            case INVOICE -> rows.invoice(id, customerId, false, seconds);
            case ORDER -> rows.order(id, customerId, seconds, nextId);
        };
        String owner = entity == Entity.CUSTOMER ? id : customerId;
        return EventEncoder.envelope(eventId(id), "upsert", entity, id, owner, now, now, data);
    }

    private String eventId(String id) {
        return runTag + "-" + id + "-9999-0000-" + String.format("%012d", turn);
    }

    private static SimRecord poison(PoisonKind kind, String topic, String key, byte[] value) {
        return new SimRecord(topic, key.getBytes(StandardCharsets.UTF_8), value, kind);
    }

    /** Replaces the marker's first byte with 0xE9 (Latin-1 é), which is not valid UTF-8 before an ASCII byte. */
    private static byte[] latin1Byte(byte[] json) {
        for (int i = 0; i + NON_UTF8_MARK.length <= json.length; i++) {
            if (Arrays.equals(json, i, i + NON_UTF8_MARK.length, NON_UTF8_MARK, 0, NON_UTF8_MARK.length)) {
                json[i] = (byte) 0xE9;
                return json;
            }
        }
        throw new AssertionError("marker missing from the event");
    }
}
