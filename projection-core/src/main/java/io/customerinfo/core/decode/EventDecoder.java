package io.customerinfo.core.decode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.customerinfo.core.decode.DecodeResult.Decoded;
import io.customerinfo.core.decode.DecodeResult.Rejected;
import io.customerinfo.core.decode.DecodeResult.Tombstone;
import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.EntityData;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.event.Op;
import io.customerinfo.core.json.CompactJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Kafka record (topic, key, value) -> {@link ChangeEvent}, or a rejection naming the reason.
 *
 * <p>Rejects every input it cannot accept with a {@link RejectReason}, which always blames the input: any
 * exception that escapes {@link #decode} is a bug in this class, and the caller files it as such. One
 * streaming pass over the value; the checks are the ones the JSON Schemas in
 * {@code schemas/} state (a unit test holds the two together), plus the rules a schema cannot say:
 * topic vs entity, key vs id, data vs envelope. Thread-safe.
 */
public final class EventDecoder {

    public static final Map<String, EntityKind> DEFAULT_TOPICS = Map.of(
            "crm.customer", EntityKind.CUSTOMER,
            "crm.contact", EntityKind.CONTACT,
            "crm.address", EntityKind.ADDRESS,
            "crm.invoice", EntityKind.INVOICE,
            "crm.order", EntityKind.ORDER);

    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

    private final Map<String, EntityKind> topics;
    private final int maxValueBytes;
    /** Whether compact rows are taken from the value as they are (see {@link DataReader}); off only in tests. */
    private final boolean sliceCompactRows;

    public EventDecoder() {
        this(DEFAULT_TOPICS, DEFAULT_MAX_VALUE_BYTES);
    }

    public EventDecoder(Map<String, EntityKind> topics, int maxValueBytes) {
        this(topics, maxValueBytes, true);
    }

    EventDecoder(Map<String, EntityKind> topics, int maxValueBytes, boolean sliceCompactRows) {
        if (maxValueBytes <= 0) {
            throw new IllegalArgumentException("maxValueBytes must be positive: " + maxValueBytes);
        }
        this.topics = Map.copyOf(topics);
        this.maxValueBytes = maxValueBytes;
        this.sliceCompactRows = sliceCompactRows;
    }

    public DecodeResult decode(String topic, byte[] key, byte[] value) {
        EntityKind kind = topic == null ? null : topics.get(topic);
        if (kind == null) {
            return new Rejected(RejectReason.UNKNOWN_TOPIC, "topic " + topic + " is not an entity topic");
        }
        if (value == null) {
            return Tombstone.INSTANCE;
        }
        if (value.length > maxValueBytes) {
            return new Rejected(RejectReason.VALUE_TOO_LARGE, value.length + " bytes > limit " + maxValueBytes);
        }
        if (!Utf8.isValid(value)) {
            return new Rejected(RejectReason.INVALID_UTF8, "value is not valid UTF-8");
        }
        try {
            return decodeJson(kind, key, value);
        } catch (JacksonException e) {
            // includes StreamConstraintsException: nesting deeper than the parser's limit, before any recursion
            return new Rejected(RejectReason.MALFORMED_JSON, e.getOriginalMessage());
        }
    }

    private DecodeResult decodeJson(EntityKind topicKind, byte[] key, byte[] value) {
        Envelope env = new Envelope();
        try (JsonParser parser = CompactJson.FACTORY.createParser(ObjectReadContext.empty(), value)) {
            JsonToken root = parser.nextToken();
            if (root == null) {
                return new Rejected(RejectReason.MALFORMED_JSON, "empty value");
            }
            if (root == JsonToken.START_OBJECT) {
                readEnvelope(parser, topicKind, env, sliceCompactRows ? value : null);
            } else {
                parser.skipChildren();
                env.rootNotObject = true;
            }
            if (parser.nextToken() != null) {
                return new Rejected(RejectReason.MALFORMED_JSON, "content after the JSON value");
            }
        }
        return validate(topicKind, key, env);
    }

    /** @param value the value being parsed, to slice compact rows from; {@code null} to re-encode every row */
    private static void readEnvelope(JsonParser parser, EntityKind topicKind, Envelope env, byte[] value) {
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "event_id" -> env.eventId = stringOrSkip(parser, token);
                case "op" -> env.op = stringOrSkip(parser, token);
                case "entity" -> env.entity = stringOrSkip(parser, token);
                case "id" -> env.id = stringOrSkip(parser, token);
                case "customer_id" -> env.customerId = stringOrSkip(parser, token);
                case "version" -> {
                    env.versionPresent = true;
                    env.version = positiveLong(parser, token, 1);
                }
                case "occurred_at" -> env.occurredAt = positiveLong(parser, token, 0);
                case "data" -> {
                    env.dataToken = token;
                    if (token == JsonToken.START_OBJECT) {
                        env.data = DataReader.read(parser, topicKind, value);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    /** The text of a string token, else {@code null} with the value (a whole object or array) skipped. */
    private static String stringOrSkip(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        parser.skipChildren();
        return null;
    }

    /** The value when it is an integer token >= min that fits in a long, else -1. */
    private static long positiveLong(JsonParser parser, JsonToken token, long min) {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            parser.skipChildren();
            return -1;
        }
        long v = parser.getLongValue();
        return v >= min ? v : -1;
    }

    private static DecodeResult validate(EntityKind topicKind, byte[] key, Envelope env) {
        if (env.rootNotObject) {
            return schema("the event is not a JSON object");
        }
        if (env.entity == null) {
            return schema("entity is missing or not a string");
        }
        EntityKind kind = EntityKind.fromWireName(env.entity);
        if (kind == null) {
            return schema("entity '" + env.entity + "' is not one of customer, contact, address, invoice, order");
        }
        if (kind != topicKind) {
            return new Rejected(RejectReason.ENTITY_TOPIC_MISMATCH,
                    "entity " + kind.wireName() + " on the " + topicKind.wireName() + " topic");
        }
        Op op = env.op == null ? null : Op.fromWireName(env.op);
        if (op == null) {
            return schema("op is missing or not upsert/delete: " + env.op);
        }
        if (env.eventId == null || env.eventId.isEmpty()) {
            return schema("event_id is missing, empty or not a string");
        }
        long id = Ids.parse(env.id);
        if (id < 0) {
            return schema("id is missing or not a decimal id string: " + env.id);
        }
        long customerId = Ids.parse(env.customerId);
        if (customerId < 0) {
            return schema("customer_id is missing or not a decimal id string: " + env.customerId);
        }
        if (!env.versionPresent) {
            return schema("version is missing");
        }
        if (env.version < 1) {
            return new Rejected(RejectReason.INVALID_VERSION, "version is not a positive 64-bit integer");
        }
        if (env.occurredAt < 0) {
            return schema("occurred_at is missing or not a non-negative integer");
        }
        if (key == null || !env.id.equals(new String(key, StandardCharsets.UTF_8))) {
            return new Rejected(RejectReason.KEY_ID_MISMATCH,
                    "record key " + (key == null ? "null" : "'" + new String(key, StandardCharsets.UTF_8) + "'") + " is not id " + env.id);
        }
        String what = kind.wireName() + " " + env.id + " v" + env.version;
        boolean hasData = env.dataToken != null && env.dataToken != JsonToken.VALUE_NULL;
        if (op == Op.UPSERT && !hasData) {
            return new Rejected(RejectReason.UPSERT_WITHOUT_DATA, "upsert of " + what + " has no data");
        }
        if (op == Op.DELETE && hasData) {
            return new Rejected(RejectReason.DELETE_WITH_DATA, "delete of " + what + " carries data");
        }
        if (kind == EntityKind.CUSTOMER && customerId != id) {
            return new Rejected(RejectReason.DATA_MISMATCH, "customer " + id + " names customer_id " + customerId);
        }
        EntityData data = null;
        if (op == Op.UPSERT) {
            if (env.dataToken != JsonToken.START_OBJECT) {
                return schema("data of " + what + " is not an object");
            }
            DataReader.Result read = env.data;
            if (read.reason() != null) {
                return new Rejected(read.reason(), read.detail() + " in " + what);
            }
            if (read.id() != id) {
                return new Rejected(RejectReason.DATA_MISMATCH, "data.id " + read.id() + " is not id of " + what);
            }
            if (read.customerId() != customerId) {
                return new Rejected(RejectReason.DATA_MISMATCH,
                        "data.customer_id " + read.customerId() + " is not customer_id " + customerId + " of " + what);
            }
            data = read.data();
        }
        return new Decoded(new ChangeEvent(env.eventId, op, kind, id, customerId, env.version, env.occurredAt, data));
    }

    private static Rejected schema(String detail) {
        return new Rejected(RejectReason.SCHEMA_VIOLATION, detail);
    }

    /** The envelope members as read; checked only after the whole value parsed. */
    private static final class Envelope {
        boolean rootNotObject;
        String eventId;
        String op;
        String entity;
        String id;
        String customerId;
        boolean versionPresent;
        long version = -1;
        long occurredAt = -1;
        JsonToken dataToken;
        DataReader.Result data;
    }
}
