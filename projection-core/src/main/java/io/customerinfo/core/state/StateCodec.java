package io.customerinfo.core.state;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.state.StateDelta.ScoredMember;
import io.customerinfo.readmodel.StateFields;

/**
 * A customer's state as the four Redis structures of docs/architecture.md, field names and values
 * as bytes (formats in projection-core/API.md), so the projector only moves bytes:
 * {@link #load} what it read, {@link #delta} what to write.
 */
public final class StateCodec {

    /** {@code ents} field of the customer record. */
    public static final String CUSTOMER_FIELD = StateFields.CUSTOMER;
    /** {@code agg} fields. */
    public static final String AGG_REV = "rev";
    public static final String AGG_ORDERS = "orders";
    public static final String AGG_RECEIVABLE = "receivable";
    public static final String AGG_MONTH_PREFIX = "m:";

    private StateCodec() {
    }

    /** The {@code ents} field of a child: {@code contact:<id>}, {@code address:<id>}, {@code invoice:<id>}. */
    public static String entsField(EntityKind kind, long id) {
        if (kind == EntityKind.CUSTOMER) {
            return CUSTOMER_FIELD;
        }
        if (kind == EntityKind.ORDER) {
            throw new IllegalArgumentException("orders live in the orders hash, not in ents");
        }
        return StateFields.childField(kind.wireName(), id);
    }

    /** The {@code orders} field of an order: its id. */
    public static String ordersField(long orderId) {
        return StateFields.orderField(orderId);
    }

    /** The {@code agg} field of a month's purchase sum: {@code m:202006}. */
    public static String monthField(int month) {
        return AGG_MONTH_PREFIX + month;
    }

    /**
     * Builds a state from what was read for one customer.
     *
     * @param ents    the whole {@code ents} hash (empty for a new customer)
     * @param orders  the {@code orders} fields of at least every order that will be applied
     *                (an id absent here is taken as never seen)
     * @param agg     the whole {@code agg} hash
     * @param recent  a prefix of the {@code recent} sorted set, newest first, of at least 10 + k members
     *                when k distinct orders will be applied (or all of it)
     * @throws IllegalArgumentException when a field or value is not in the documented format
     */
    public static CustomerState load(long customerId, ZoneId zone, Map<String, byte[]> ents, Map<String, byte[]> orders,
                                     Map<String, byte[]> agg, List<byte[]> recent) {
        long rev = agg.containsKey(AGG_REV) ? number(agg.get(AGG_REV), customerId, AGG_REV) : 0;
        CustomerState state = new CustomerState(customerId, zone, rev);
        for (Map.Entry<String, byte[]> e : ents.entrySet()) {
            String field = e.getKey();
            if (field.equals(CUSTOMER_FIELD)) {
                state.loadCustomer(RecordFormat.decodeCustomer(e.getValue(), customerId));
                continue;
            }
            int colon = field.indexOf(':');
            EntityKind kind = colon < 0 ? null : EntityKind.fromWireName(field.substring(0, colon));
            if (kind == null || kind == EntityKind.CUSTOMER || kind == EntityKind.ORDER) {
                throw new IllegalArgumentException("customer " + customerId + ": unknown ents field '" + field + "'");
            }
            long id = id(field.substring(colon + 1), customerId, field);
            state.loadChild(kind, id, RecordFormat.decodeChild(e.getValue(), customerId, field));
        }
        for (Map.Entry<String, byte[]> e : orders.entrySet()) {
            if (e.getValue() != null) {
                long id = id(e.getKey(), customerId, "orders " + e.getKey());
                state.loadOrder(id, RecordFormat.decodeOrder(e.getValue(), customerId, e.getKey()));
            }
        }
        state.loadTotals(agg.containsKey(AGG_ORDERS) ? number(agg.get(AGG_ORDERS), customerId, AGG_ORDERS) : 0,
                agg.containsKey(AGG_RECEIVABLE) ? number(agg.get(AGG_RECEIVABLE), customerId, AGG_RECEIVABLE) : 0);
        for (Map.Entry<String, byte[]> e : agg.entrySet()) {
            if (e.getKey().startsWith(AGG_MONTH_PREFIX)) {
                int month = (int) id(e.getKey().substring(AGG_MONTH_PREFIX.length()), customerId, e.getKey());
                state.loadMonth(month, number(e.getValue(), customerId, e.getKey()));
            }
        }
        for (byte[] member : recent) {
            state.loadRecent(RecentEntry.fromMember(member));
        }
        return state;
    }

    /** The writes for everything applied to {@code state} since it was loaded (or last committed). */
    public static StateDelta delta(CustomerState state) {
        if (!state.hasChanges()) {
            return new StateDelta(state.customerId(), state.rev(), state.rev(), Map.of(), Map.of(), Map.of(),
                    Collections.emptySet(), List.of(), List.of());
        }
        Map<String, byte[]> ents = new LinkedHashMap<>();
        if (state.customerChanged()) {
            ents.put(CUSTOMER_FIELD, RecordFormat.encode(state.customer()));
        }
        for (CustomerState.ChildKey key : state.changedChildren()) {
            ents.put(entsField(key.kind(), key.id()), RecordFormat.encode(state.children(key.kind()).get(key.id())));
        }
        Map<String, byte[]> orders = new LinkedHashMap<>();
        List<ScoredMember> recentAdd = new ArrayList<>();
        List<byte[]> recentRemove = new ArrayList<>();
        for (Map.Entry<Long, OrderRecord> e : state.ordersBefore().entrySet()) {
            long id = e.getKey();
            OrderRecord before = e.getValue();
            OrderRecord after = state.loadedOrders().get(id);
            orders.put(ordersField(id), RecordFormat.encode(after));
            byte[] memberBefore = before != null && before.counted() ? RecentEntry.of(id, before).member() : null;
            RecentEntry entryAfter = after.counted() ? RecentEntry.of(id, after) : null;
            byte[] memberAfter = entryAfter == null ? null : entryAfter.member();
            if (!Arrays.equals(memberBefore, memberAfter)) {
                if (memberBefore != null) {
                    recentRemove.add(memberBefore);
                }
                if (memberAfter != null) {
                    recentAdd.add(new ScoredMember(memberAfter, entryAfter.score()));
                }
            }
        }
        long newRev = state.rev() + 1;
        Map<String, byte[]> agg = new LinkedHashMap<>();
        LinkedHashSet<String> aggDelete = new LinkedHashSet<>();
        agg.put(AGG_REV, ascii(newRev));
        if (state.totalsChanged()) {
            agg.put(AGG_ORDERS, ascii(state.liveOrderCount()));
            agg.put(AGG_RECEIVABLE, ascii(state.receivableCents()));
        }
        for (int month : state.changedMonths()) {
            long cents = state.purchaseCents(month);
            if (cents == 0) {
                aggDelete.add(monthField(month));
            } else {
                agg.put(monthField(month), ascii(cents));
            }
        }
        return new StateDelta(state.customerId(), state.rev(), newRev, ents, orders, agg, aggDelete, recentAdd, recentRemove);
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static long number(byte[] value, long customerId, String field) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("customer " + customerId + ": agg field " + field + " is not a number", e);
        }
    }

    private static long id(String text, long customerId, String field) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("customer " + customerId + ": field '" + field + "' does not end in a number", e);
        }
    }
}
