package io.customerinfo.core.decode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import io.customerinfo.core.event.ChildData;
import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.event.EntityData;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.event.OrderData;
import io.customerinfo.core.json.CompactJson;
import io.customerinfo.readmodel.Cents;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;

/**
 * Reads the {@code data} object of one entity kind (the parser is on its START_OBJECT) into typed
 * data, re-encoding pass-through rows compactly. Violations are collected, not thrown, so that the
 * whole value is still parsed (malformed JSON later in the value wins over a schema violation).
 */
final class DataReader {

    /** Document members the projector derives; a customer row that carries them has them dropped. */
    static final Set<String> DERIVED_CUSTOMER_MEMBERS = Set.of(
            "_cache_at", "contacts", "addresslist", "invoicelist", "orderlist", "order_amount", "purchase_amount");

    /** The invoice's customer name is always the current customer name, so the row's own is dropped. */
    static final String INVOICE_CUSTOMER_NAME = "customer_name";

    record Result(RejectReason reason, String detail, long id, long customerId, EntityData data) {
    }

    private RejectReason reason;
    private String detail;
    private String idText;
    private String customerIdText;

    private DataReader() {
    }

    static Result read(JsonParser parser, EntityKind kind) {
        return new DataReader().readKind(parser, kind);
    }

    /**
     * Reads the data object the parser is on. A customer or child row that is already compact and plain (no
     * whitespace between tokens, no escape sequences, no repeated member) and carries no member the decoder drops,
     * with every field it checks present and well typed, is taken from {@code value} as it is: re-encoding would
     * produce the same bytes, at several times the cost. Any other row is re-encoded member by member, which also
     * decides its violations.
     *
     * @param value the bytes the parser reads, or {@code null} to re-encode every row
     */
    static Result read(JsonParser parser, EntityKind kind, byte[] value) {
        long at = parser.currentTokenLocation().getByteOffset();
        if (value == null || kind == EntityKind.ORDER || at < 0 || at >= value.length || value[(int) at] != '{') {
            return read(parser, kind);
        }
        int start = (int) at;
        parser.skipChildren();
        long end = parser.currentLocation().getByteOffset();
        if (end > start && end <= value.length && value[(int) end - 1] == '}') {
            Result sliced = PlainRow.read(value, start, (int) end, kind);
            if (sliced != null) {
                return sliced;
            }
        }
        // the value's parser has moved past the object: re-encode it from its own bytes
        try (JsonParser again = CompactJson.FACTORY.createParser(ObjectReadContext.empty(), value, start,
                value.length - start)) {
            again.nextToken();
            return read(again, kind);
        }
    }

    private Result readKind(JsonParser parser, EntityKind kind) {
        return switch (kind) {
            case CUSTOMER -> readCustomer(parser);
            case CONTACT, ADDRESS, INVOICE -> readChild(parser, kind == EntityKind.INVOICE);
            case ORDER -> readOrder(parser);
        };
    }

    private Result readCustomer(JsonParser parser) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        boolean named = false;
        // where each member's value lies in the re-encoded row, so the row is not scanned again to split it
        List<String> names = new ArrayList<>(64);
        IntArray bounds = new IntArray(128);
        try (JsonGenerator gen = CompactJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            gen.writeStartObject();
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken token = parser.nextToken();
                if (DERIVED_CUSTOMER_MEMBERS.contains(name)) {
                    parser.skipChildren();
                    continue;
                }
                switch (name) {
                    case "id" -> idText = stringOrViolation(parser, token, "data.id");
                    case "name" -> named = stringOrViolation(parser, token, "data.name") != null || named;
                    // a customer row needs no customer_id; one it carries must name the customer itself
                    case "customer_id" -> customerIdText = token == JsonToken.VALUE_STRING ? parser.getString() : "";
                    case "total_infos" -> {
                        if (token != JsonToken.START_OBJECT) {
                            violation(RejectReason.SCHEMA_VIOLATION, "data.total_infos is not an object");
                        }
                    }
                    default -> {
                    }
                }
                gen.writeName(name);
                // the generator writes the ':' with the value
                int start = out.size() + gen.streamWriteOutputBuffered() + 1;
                gen.copyCurrentStructureExact(parser);
                names.add(name);
                bounds.add(start);
                bounds.add(out.size() + gen.streamWriteOutputBuffered());
            }
            gen.writeEndObject();
        }
        if (!named) {
            violation(RejectReason.SCHEMA_VIOLATION, "data.name is missing");
        }
        long id = requiredId(idText, "data.id");
        if (reason != null) {
            return rejected();
        }
        byte[] json = out.toByteArray();
        LinkedHashMap<String, byte[]> members = new LinkedHashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            // a repeated name: the last one wins, as when the row is split again from its bytes
            members.put(names.get(i), Arrays.copyOfRange(json, bounds.get(2 * i), bounds.get(2 * i + 1)));
        }
        long customerId = customerIdText == null ? id : Ids.parse(customerIdText);
        return new Result(null, null, id, customerId, CustomerData.ofMembers(json, members));
    }

    private Result readChild(JsonParser parser, boolean invoice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        String isDefault = null;
        try (JsonGenerator gen = CompactJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            gen.writeStartObject();
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken token = parser.nextToken();
                if (invoice && INVOICE_CUSTOMER_NAME.equals(name)) {
                    parser.skipChildren();
                    continue;
                }
                switch (name) {
                    case "id" -> idText = stringOrViolation(parser, token, "data.id");
                    case "customer_id" -> customerIdText = stringOrViolation(parser, token, "data.customer_id");
                    case "is_default" -> {
                        isDefault = stringOrViolation(parser, token, "data.is_default");
                        if (isDefault != null && !isDefault.equals("0") && !isDefault.equals("1")) {
                            violation(RejectReason.SCHEMA_VIOLATION, "data.is_default is not \"0\" or \"1\"");
                        }
                    }
                    default -> {
                    }
                }
                gen.writeName(name);
                gen.copyCurrentStructureExact(parser);
            }
            gen.writeEndObject();
        }
        if (isDefault == null) {
            violation(RejectReason.SCHEMA_VIOLATION, "data.is_default is missing");
        }
        long id = requiredId(idText, "data.id");
        long customerId = requiredId(customerIdText, "data.customer_id");
        if (reason != null) {
            return rejected();
        }
        return new Result(null, null, id, customerId, new ChildData(out.toByteArray(), "1".equals(isDefault)));
    }

    private Result readOrder(JsonParser parser) {
        String sn = null;
        String status = null;
        long createdAt = -1;
        long amount = -2;
        long paid = -2;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "id" -> idText = stringOrViolation(parser, token, "data.id");
                case "customer_id" -> customerIdText = stringOrViolation(parser, token, "data.customer_id");
                case "sales_order_sn" -> sn = stringOrViolation(parser, token, "data.sales_order_sn");
                case "status" -> status = stringOrViolation(parser, token, "data.status");
                case "created_at" -> {
                    String text = stringOrViolation(parser, token, "data.created_at");
                    if (text != null) {
                        createdAt = Ids.digits(text, 12);
                        if (createdAt < 0) {
                            violation(RejectReason.SCHEMA_VIOLATION, "data.created_at is not epoch seconds: " + text);
                        }
                    }
                }
                case "amount" -> amount = amount(parser, token, "data.amount");
                case "paid_amount" -> paid = amount(parser, token, "data.paid_amount");
                default -> {
                }
            }
            // past the value, whatever it was (a no-op on a scalar or a value already skipped)
            parser.skipChildren();
        }
        long id = requiredId(idText, "data.id");
        long customerId = requiredId(customerIdText, "data.customer_id");
        if (sn == null) {
            violation(RejectReason.SCHEMA_VIOLATION, "data.sales_order_sn is missing");
        }
        if (status == null) {
            violation(RejectReason.SCHEMA_VIOLATION, "data.status is missing");
        }
        if (createdAt == -1) {
            violation(RejectReason.SCHEMA_VIOLATION, "data.created_at is missing");
        }
        if (amount == -2) {
            violation(RejectReason.SCHEMA_VIOLATION, "data.amount is missing");
        }
        if (paid == -2) {
            violation(RejectReason.SCHEMA_VIOLATION, "data.paid_amount is missing");
        }
        if (reason != null) {
            return rejected();
        }
        return new Result(null, null, id, customerId, new OrderData(createdAt, sn, amount, paid, status));
    }

    private long amount(JsonParser parser, JsonToken token, String what) {
        if (token != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            violation(RejectReason.INVALID_AMOUNT, what + " is not a decimal string");
            return -1;
        }
        String text = parser.getString();
        long cents = Cents.parse(text);
        if (cents < 0) {
            violation(RejectReason.INVALID_AMOUNT, what + " '" + text + "' is not a decimal with at most 2 places");
        }
        return cents;
    }

    /** Leaves the parser on the value: the caller copies or skips it. */
    private String stringOrViolation(JsonParser parser, JsonToken token, String what) {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        violation(RejectReason.SCHEMA_VIOLATION, what + " is not a string");
        return null;
    }

    private long requiredId(String text, String what) {
        if (text == null) {
            violation(RejectReason.SCHEMA_VIOLATION, what + " is missing");
            return -1;
        }
        long id = Ids.parse(text);
        if (id < 0) {
            violation(RejectReason.SCHEMA_VIOLATION, what + " is not a decimal id string: " + text);
        }
        return id;
    }

    private void violation(RejectReason r, String d) {
        if (reason == null) {
            reason = r;
            detail = d;
        }
    }

    private Result rejected() {
        return new Result(reason, detail, -1, -1, null);
    }

    /** A growable list of ints without boxing. */
    private static final class IntArray {
        private int[] values;
        private int size;

        IntArray(int capacity) {
            values = new int[capacity];
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int index) {
            return values[index];
        }
    }
}
