package io.customerinfo.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated CRM database: every entity's current row, owner, version and liveness. Each action changes one
 * entity and returns the {@link Change} the source would publish. Versions are the change's epoch millisecond,
 * bumped when needed so that they grow strictly per entity.
 */
final class CrmWorld {

    /** Real ids start here per entity; poison records use ids from {@link #POISON_ID_BASE}, never these. */
    private static final Map<Entity, Long> ID_BASE = Map.of(Entity.CUSTOMER, 100_001L, Entity.CONTACT, 2_000_001L,
            Entity.ADDRESS, 3_000_001L, Entity.INVOICE, 4_000_001L, Entity.ORDER, 10_000_001L);
    static final long POISON_ID_BASE = 9_900_000_001L;

    static final class Row {
        final Entity entity;
        final String id;
        String customerId;
        long version;
        boolean live;
        ObjectNode data;

        Row(Entity entity, String id) {
            this.entity = entity;
            this.id = id;
        }
    }

    private final SplittableRandom random;
    private final CrmRows rows;
    private final int maxCustomers;
    private final List<Row> customers = new ArrayList<>();
    private final Map<Entity, List<Row>> children = new EnumMap<>(Entity.class);
    private final Map<String, int[]> childCounts = new java.util.HashMap<>();
    private final Map<Entity, Long> nextId = new EnumMap<>(Entity.class);
    private long orderSerial;

    CrmWorld(SplittableRandom random, int maxCustomers) {
        this.random = random;
        this.rows = new CrmRows(random);
        this.maxCustomers = maxCustomers;
        for (Entity e : Entity.values()) {
            nextId.put(e, ID_BASE.get(e));
            if (e != Entity.CUSTOMER) {
                children.put(e, new ArrayList<>());
            }
        }
    }

    CrmRows rows() {
        return rows;
    }

    int customersCreated() {
        return customers.size();
    }

    boolean allCustomersCreated() {
        return customers.size() >= maxCustomers;
    }

    List<Row> children(Entity kind) {
        return children.get(kind);
    }

    /** A real customer id: a created customer, or the next one to be created when there is none yet. */
    String anyCustomerId() {
        return customers.isEmpty() ? String.valueOf(ID_BASE.get(Entity.CUSTOMER)) : pick(customers).id;
    }

    /** A live order, or null when there is none. */
    Row anyLiveOrder() {
        List<Row> orders = children.get(Entity.ORDER);
        for (int tries = 0; tries < 8 && !orders.isEmpty(); tries++) {
            Row row = pick(orders);
            if (row.live) {
                return row;
            }
        }
        return null;
    }

    Change createCustomer(long now) {
        Row c = new Row(Entity.CUSTOMER, nextId(Entity.CUSTOMER));
        c.customerId = c.id;
        c.data = rows.customer(c.id, now / 1000);
        customers.add(c);
        childCounts.put(c.id, new int[Entity.values().length]);
        return upsert(c, now);
    }

    /** Edit, delete, or (when deleted) re-create an existing customer. */
    Change changeCustomer(long now, double deleteRate) {
        Row c = pick(customers);
        if (!c.live) {
            rows.editCustomer(c.data, now / 1000);
            return upsert(c, now);
        }
        if (random.nextDouble() < deleteRate) {
            return delete(c, now);
        }
        rows.editCustomer(c.data, now / 1000);
        return upsert(c, now);
    }

    Change createChild(Entity kind, String customerId, long now) {
        Row row = new Row(kind, nextId(kind));
        row.customerId = customerId;
        int[] counts = childCounts.computeIfAbsent(customerId, k -> new int[Entity.values().length]);
        boolean isDefault = counts[kind.ordinal()]++ == 0;
        long seconds = now / 1000;
        row.data = switch (kind) {
            case CONTACT -> rows.contact(row.id, customerId, isDefault, seconds);
            case ADDRESS -> rows.address(row.id, customerId, isDefault, seconds);
            case INVOICE -> rows.invoice(row.id, customerId, isDefault, seconds);
            case ORDER -> rows.order(row.id, customerId, seconds, ++orderSerial);
            case CUSTOMER -> throw new IllegalArgumentException("a customer is not a child");
        };
        children.get(kind).add(row);
        return upsert(row, now);
    }

    /** An order created at {@code createdAt} (epoch ms), for the history mode. */
    Change createOrderAt(String customerId, long createdAt) {
        return createChild(Entity.ORDER, customerId, createdAt);
    }

    /** Edit, delete, move to another customer, or (when deleted) re-create an existing child. */
    Change changeChild(Entity kind, long now, double deleteRate, double moveRate) {
        Row row = pick(children.get(kind));
        if (!row.live) {
            touch(row, now);
            return upsert(row, now);
        }
        double roll = random.nextDouble();
        if (roll < deleteRate) {
            return delete(row, now);
        }
        if (roll < deleteRate + moveRate && customers.size() > 1) {
            String to = row.customerId;
            while (to.equals(row.customerId)) {
                to = pick(customers).id;
            }
            row.customerId = to;
            row.data.put("customer_id", to);
            row.data.put("updated_at", String.valueOf(now / 1000));
            return upsert(row, now);
        }
        touch(row, now);
        return upsert(row, now);
    }

    String nextCustomerId() {
        return String.valueOf(ID_BASE.get(Entity.CUSTOMER) + customers.size());
    }

    private void touch(Row row, long now) {
        if (row.entity == Entity.ORDER) {
            rows.editOrder(row.data, now / 1000);
        } else {
            rows.editChild(row.entity, row.data, now / 1000);
        }
    }

    private Change upsert(Row row, long now) {
        row.version = Math.max(now, row.version + 1);
        row.live = true;
        // no copy: the stream encodes the change before the world changes again
        return new Change(row.entity, row.id, row.customerId, row.version, row.version, row.data);
    }

    private Change delete(Row row, long now) {
        row.version = Math.max(now, row.version + 1);
        row.live = false;
        return new Change(row.entity, row.id, row.customerId, row.version, row.version, null);
    }

    private String nextId(Entity kind) {
        long id = nextId.get(kind);
        nextId.put(kind, id + 1);
        return String.valueOf(id);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
