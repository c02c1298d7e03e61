package io.customerinfo.core.state;

import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.route.Effect;
import io.customerinfo.readmodel.Months;

/**
 * One customer's state: the latest version of each of its entities (tombstones included), the order
 * aggregates and the recent-orders index. Mutable, with change tracking, so that an order event costs
 * O(log n) whatever the customer's history, and {@link #delta()} says what to write back.
 *
 * <p>The orders map and the recent-orders index may be partial (see {@link StateCodec#load}): every
 * order that is applied must have been loaded (absent = never seen), and the index must hold at least
 * the first 10 + k entries when k distinct orders change. Not thread-safe.
 */
public final class CustomerState {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    /** No month: a yyyyMM month is never negative. */
    private static final int NO_MONTH = -1;

    private final long customerId;
    private final ZoneId zone;
    private long rev;

    private CustomerRecord customer;
    private final EnumMap<EntityKind, TreeMap<Long, ChildRecord>> children = new EnumMap<>(EntityKind.class);
    private final EnumMap<EntityKind, long[]> liveChildren = new EnumMap<>(EntityKind.class);
    private final HashMap<Long, OrderRecord> orders = new HashMap<>();
    private long liveOrders;
    private long receivableCents;
    private final TreeMap<Integer, Long> purchaseByMonth = new TreeMap<>();
    private final TreeSet<RecentEntry> recent = new TreeSet<>(RecentEntry.NEWEST_FIRST);

    // change tracking since load / last markCommitted
    private boolean customerChanged;
    private final LinkedHashSet<ChildKey> changedChildren = new LinkedHashSet<>();
    private final LinkedHashMap<Long, OrderRecord> ordersBefore = new LinkedHashMap<>();
    private boolean totalsChanged;
    private final TreeSet<Integer> changedMonths = new TreeSet<>();

    record ChildKey(EntityKind kind, long id) {
    }

    CustomerState(long customerId, ZoneId zone, long rev) {
        this.customerId = customerId;
        this.zone = zone;
        this.rev = rev;
        children.put(EntityKind.CONTACT, new TreeMap<>());
        children.put(EntityKind.ADDRESS, new TreeMap<>());
        children.put(EntityKind.INVOICE, new TreeMap<>());
        for (EntityKind kind : children.keySet()) {
            liveChildren.put(kind, new long[1]);
        }
    }

    /** A customer nothing is known of yet (revision 0). */
    public static CustomerState empty(long customerId, ZoneId zone) {
        return new CustomerState(customerId, zone, 0);
    }

    public static CustomerState empty(long customerId) {
        return empty(customerId, DEFAULT_ZONE);
    }

    // ---- transitions ------------------------------------------------------------------------------

    /** Applies an effect routed to this customer. */
    public Outcome apply(Effect effect) {
        requireMine(effect.customerId(), effect);
        if (effect instanceof Effect.Apply apply) {
            return apply(apply.event());
        }
        Effect.Evict evict = (Effect.Evict) effect;
        return evict(evict.kind(), evict.entityId(), evict.version());
    }

    /**
     * Applies an event whose entity is this customer or names this customer as owner; last writer
     * wins by version, a delete leaves a tombstone.
     */
    public Outcome apply(ChangeEvent event) {
        requireMine(event.customerId(), event.describe());
        return switch (event.kind()) {
            case CUSTOMER -> putCustomer(new CustomerRecord(event.version(), event.isDelete() ? null : event.customerData()));
            case CONTACT, ADDRESS, INVOICE ->
                    putChild(event.kind(), event.id(), new ChildRecord(event.version(), event.isDelete() ? null : event.childData()));
            case ORDER -> putOrder(event.id(),
                    event.isDelete() ? OrderRecord.tombstone(event.version()) : OrderRecord.of(event.version(), event.orderData()));
        };
    }

    /** The child moved to another customer at {@code version}: leave a tombstone here. */
    public Outcome evict(EntityKind kind, long id, long version) {
        return switch (kind) {
            case CUSTOMER -> throw new IllegalArgumentException("a customer cannot be evicted from customer " + customerId);
            case CONTACT, ADDRESS, INVOICE -> putChild(kind, id, new ChildRecord(version, null));
            case ORDER -> putOrder(id, OrderRecord.tombstone(version));
        };
    }

    private Outcome putCustomer(CustomerRecord next) {
        Outcome outcome = compare(customer == null ? 0 : customer.version(), next.version());
        if (outcome == Outcome.APPLIED) {
            customer = next;
            customerChanged = true;
        }
        return outcome;
    }

    private Outcome putChild(EntityKind kind, long id, ChildRecord next) {
        TreeMap<Long, ChildRecord> map = children.get(kind);
        ChildRecord current = map.get(id);
        Outcome outcome = compare(current == null ? 0 : current.version(), next.version());
        if (outcome == Outcome.APPLIED) {
            map.put(id, next);
            countChild(kind, current, next);
            changedChildren.add(new ChildKey(kind, id));
        }
        return outcome;
    }

    private Outcome putOrder(long id, OrderRecord next) {
        OrderRecord current = orders.get(id);
        Outcome outcome = compare(current == null ? 0 : current.version(), next.version());
        if (outcome != Outcome.APPLIED) {
            return outcome;
        }
        // the month of each counted version, once; NO_MONTH for a version that is not counted
        int monthBefore = current != null && current.counted() ? Months.of(current.createdAt(), zone) : NO_MONTH;
        int monthAfter = next.counted() ? Months.of(next.createdAt(), zone) : NO_MONTH;
        requireSumsFit(id, current, monthBefore, next, monthAfter);
        if (!ordersBefore.containsKey(id)) {
            ordersBefore.put(id, current);
        }
        if (monthBefore != NO_MONTH) {
            count(id, current, monthBefore, -1);
        }
        if (monthAfter != NO_MONTH) {
            count(id, next, monthAfter, +1);
        }
        orders.put(id, next);
        return outcome;
    }

    /**
     * Checks, before anything changes, that replacing {@code current} (counted in {@code monthBefore}) by
     * {@code next} (counted in {@code monthAfter}) keeps every sum in range; {@link #count} then needs no check.
     */
    private void requireSumsFit(long id, OrderRecord current, int monthBefore, OrderRecord next, int monthAfter) {
        try {
            long receivable = receivableCents;
            long monthBeforeSum = 0;
            if (monthBefore != NO_MONTH) {
                receivable = Math.subtractExact(receivable, current.receivableCents());
                monthBeforeSum = Math.subtractExact(purchaseByMonth.getOrDefault(monthBefore, 0L), current.amountCents());
            }
            if (monthAfter != NO_MONTH) {
                Math.addExact(receivable, next.receivableCents());
                long sum = monthAfter == monthBefore ? monthBeforeSum : purchaseByMonth.getOrDefault(monthAfter, 0L);
                Math.addExact(sum, next.amountCents());
            }
        } catch (ArithmeticException e) {
            throw new AmountOverflowException("order " + id + " version " + next.version() + " would take customer "
                    + customerId + "'s receivable or monthly purchase sum beyond 64-bit cents");
        }
    }

    private void count(long id, OrderRecord order, int month, int sign) {
        liveOrders += sign;
        receivableCents = receivableCents + sign * order.receivableCents();
        long sum = purchaseByMonth.getOrDefault(month, 0L) + sign * order.amountCents();
        if (sum == 0) {
            purchaseByMonth.remove(month);
        } else {
            purchaseByMonth.put(month, sum);
        }
        changedMonths.add(month);
        totalsChanged = true;
        if (sign > 0) {
            recent.add(RecentEntry.of(id, order));
        } else {
            recent.remove(new RecentEntry(order.createdAt(), id, null));
        }
    }

    private static Outcome compare(long currentVersion, long nextVersion) {
        if (nextVersion == currentVersion) {
            return Outcome.DUPLICATE;
        }
        return nextVersion > currentVersion ? Outcome.APPLIED : Outcome.STALE;
    }

    private void requireMine(long otherCustomerId, Object what) {
        if (otherCustomerId != customerId) {
            throw new IllegalArgumentException(what + " is routed to customer " + otherCustomerId
                    + ", not to customer " + customerId);
        }
    }

    // ---- reads ------------------------------------------------------------------------------------

    public long customerId() {
        return customerId;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The revision loaded (the compare-and-set token); bumped by {@link #markCommitted}. */
    public long rev() {
        return rev;
    }

    /** The customer record, or {@code null} when no customer event has been applied. */
    public CustomerRecord customer() {
        return customer;
    }

    /** The customer's row while it is live; {@code null} before its first upsert or after a delete. */
    public CustomerData customerData() {
        return customer == null ? null : customer.data();
    }

    /** Contacts, addresses or invoices by id ascending, tombstones included. */
    public NavigableMap<Long, ChildRecord> children(EntityKind kind) {
        TreeMap<Long, ChildRecord> map = children.get(kind);
        if (map == null) {
            throw new IllegalArgumentException(kind + " is not a contact, address or invoice");
        }
        return Collections.unmodifiableNavigableMap(map);
    }

    /** The number of live contacts, addresses or invoices. */
    public long liveChildCount(EntityKind kind) {
        long[] count = liveChildren.get(kind);
        if (count == null) {
            throw new IllegalArgumentException(kind + " is not a contact, address or invoice");
        }
        return count[0];
    }

    /** The order records loaded or applied (possibly a part of the customer's orders). */
    public Map<Long, OrderRecord> loadedOrders() {
        return Collections.unmodifiableMap(orders);
    }

    /** Live non-cancelled orders. */
    public long liveOrderCount() {
        return liveOrders;
    }

    /** Sum of amount - paid_amount over live non-cancelled orders. */
    public long receivableCents() {
        return receivableCents;
    }

    /** Sum of amount of live non-cancelled orders created in {@code month} (yyyyMM in the zone). */
    public long purchaseCents(int month) {
        return purchaseByMonth.getOrDefault(month, 0L);
    }

    /** Non-zero monthly purchase sums, by month ascending. */
    public NavigableMap<Integer, Long> purchaseByMonth() {
        return Collections.unmodifiableNavigableMap(purchaseByMonth);
    }

    /** The recent-orders index, newest first; possibly only a prefix of it (see class doc). */
    public NavigableSet<RecentEntry> recentOrders() {
        return Collections.unmodifiableNavigableSet(recent);
    }

    // ---- change tracking --------------------------------------------------------------------------

    /** Whether anything was applied since load or the last {@link #markCommitted}. */
    public boolean hasChanges() {
        return customerChanged || !changedChildren.isEmpty() || !ordersBefore.isEmpty();
    }

    /** What to write to Redis for the changes since load; does not reset tracking. */
    public StateDelta delta() {
        return StateCodec.delta(this);
    }

    /** The delta was written: start tracking afresh at {@code newRev}. */
    public void markCommitted(long newRev) {
        rev = newRev;
        customerChanged = false;
        changedChildren.clear();
        ordersBefore.clear();
        totalsChanged = false;
        changedMonths.clear();
    }

    boolean customerChanged() {
        return customerChanged;
    }

    Set<ChildKey> changedChildren() {
        return changedChildren;
    }

    Map<Long, OrderRecord> ordersBefore() {
        return ordersBefore;
    }

    boolean totalsChanged() {
        return totalsChanged;
    }

    Set<Integer> changedMonths() {
        return changedMonths;
    }

    // ---- loading (StateCodec) ---------------------------------------------------------------------

    void loadCustomer(CustomerRecord record) {
        customer = record;
    }

    void loadChild(EntityKind kind, long id, ChildRecord record) {
        children(kind);
        countChild(kind, children.get(kind).put(id, record), record);
    }

    private void countChild(EntityKind kind, ChildRecord before, ChildRecord after) {
        liveChildren.get(kind)[0] += (after.live() ? 1 : 0) - (before != null && before.live() ? 1 : 0);
    }

    void loadOrder(long id, OrderRecord record) {
        orders.put(id, record);
    }

    void loadTotals(long liveOrders, long receivableCents) {
        this.liveOrders = liveOrders;
        this.receivableCents = receivableCents;
    }

    void loadMonth(int month, long cents) {
        if (cents != 0) {
            purchaseByMonth.put(month, cents);
        }
    }

    void loadRecent(RecentEntry entry) {
        recent.add(entry);
    }

    @Override
    public String toString() {
        return "CustomerState[" + customerId + " rev " + rev + ", customer " + (customer == null ? "unknown" : "v" + customer.version()
                + (customer.live() ? "" : " deleted")) + ", " + liveOrders + " live orders]";
    }
}
