package io.customerinfo.core.render;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.json.ByteSink;
import io.customerinfo.core.json.CompactJson;
import io.customerinfo.core.state.ChildRecord;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.state.RecentEntry;
import io.customerinfo.readmodel.Cents;
import io.customerinfo.readmodel.Months;
import io.customerinfo.readmodel.StoredView;

/**
 * State + now -> the {@code data} object of the customer-info response: compact UTF-8 JSON in the
 * golden member order with the legacy types. Deterministic: equal states and instants give equal
 * bytes. Stateless and thread-safe.
 */
public final class DocumentRenderer {

    /** Entries of {@code orderlist}. */
    public static final int ORDER_LIST_SIZE = 10;

    private static final byte[] PURCHASE_AMOUNT = CompactJson.quote("purchase_amount");
    private static final List<EntityKind> CHILD_KINDS = List.of(EntityKind.CONTACT, EntityKind.ADDRESS, EntityKind.INVOICE);

    private final ZoneId zone;

    public DocumentRenderer(ZoneId zone) {
        this.zone = zone;
    }

    public DocumentRenderer() {
        this(CustomerState.DEFAULT_ZONE);
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The document, or empty while the customer entity is absent or deleted.
     *
     * @param now the moment of writing: gives {@code _cache_at} and the month of {@code purchase_amount}
     */
    public Optional<byte[]> render(CustomerState state, Instant now) {
        CustomerData customer = state.customerData();
        if (customer == null) {
            return Optional.empty();
        }
        ByteSink out = new ByteSink(estimate(customer, state));
        writeBody(out, state, customer, now);
        writePurchaseAmount(out, state.purchaseCents(Months.of(now, zone)));
        return Optional.of(out.toByteArray());
    }

    /**
     * The stored view of the document (body without {@code purchase_amount} and the monthly sums the
     * query API splices it from), or empty while the customer entity is absent or deleted.
     *
     * @param rev the revision the view is committed with
     */
    public Optional<StoredView> renderView(CustomerState state, Instant now, long rev) {
        CustomerData customer = state.customerData();
        if (customer == null) {
            return Optional.empty();
        }
        ByteSink out = new ByteSink(estimate(customer, state));
        writeBody(out, state, customer, now);
        int writeMonth = Months.of(now, zone);
        return Optional.of(StoredView.parse(StoredView.encode(rev, now.getEpochSecond(), customer.orgId(), writeMonth,
                viewMonths(state, writeMonth), out.toByteArray())));
    }

    /**
     * The encoded stored view ({@code renderView(state, now, rev).map(StoredView::bytes)}, byte for byte), written
     * header first into one buffer: the projector's hot path, one document-sized allocation per commit.
     */
    public Optional<byte[]> renderStoredView(CustomerState state, Instant now, long rev) {
        CustomerData customer = state.customerData();
        if (customer == null) {
            return Optional.empty();
        }
        ByteSink out = new ByteSink(estimate(customer, state) + 96);
        int writeMonth = Months.of(now, zone);
        out.write(StoredView.header(rev, now.getEpochSecond(), customer.orgId(), writeMonth,
                viewMonths(state, writeMonth)));
        writeBody(out, state, customer, now);
        return Optional.of(out.toByteArray());
    }

    /** The months a stored view lists: the previous month, the write month and later non-zero months. */
    private static TreeMap<Integer, Long> viewMonths(CustomerState state, int writeMonth) {
        TreeMap<Integer, Long> months = new TreeMap<>();
        months.put(Months.previous(writeMonth), state.purchaseCents(Months.previous(writeMonth)));
        months.put(writeMonth, state.purchaseCents(writeMonth));
        months.putAll(state.purchaseByMonth().tailMap(writeMonth, false));
        return months;
    }

    /** Room for the row, every child row and the order list, so that the buffer rarely grows. */
    private static int estimate(CustomerData customer, CustomerState state) {
        int size = RowLayout.of(customer).length() + 1024;
        for (EntityKind kind : CHILD_KINDS) {
            for (ChildRecord child : state.children(kind).values()) {
                if (child.live()) {
                    size += child.data().json().length + 1;
                }
            }
        }
        return size;
    }

    /** Everything up to (not including) {@code ,"purchase_amount":...}. */
    private void writeBody(ByteSink out, CustomerState state, CustomerData customer, Instant now) {
        RowLayout row = RowLayout.of(customer);
        Members members = new Members(out);
        members.raw(row.beforeCacheAt());
        members.name("_cache_at").writeLong(now.getEpochSecond());
        members.raw(row.beforeTotalInfos());
        Members totals = new Members(members.name(CustomerLayout.TOTAL_INFOS));
        totals.name("contacts").write((byte) '"').writeLong(state.liveChildCount(EntityKind.CONTACT)).write((byte) '"');
        totals.name("address").write((byte) '"').writeLong(state.liveChildCount(EntityKind.ADDRESS)).write((byte) '"');
        totals.value("service3d", row.service3d());
        totals.name("invoice").write((byte) '"').writeLong(state.liveChildCount(EntityKind.INVOICE)).write((byte) '"');
        totals.value("contract", row.contract());
        totals.name("orders").write((byte) '"').writeLong(state.liveOrderCount()).write((byte) '"');
        totals.value("service", row.service());
        totals.raw(row.otherTotals());
        totals.close();
        members.raw(row.afterTotalInfos());
        writeChildren(members.name("contacts"), state.children(EntityKind.CONTACT), null);
        writeChildren(members.name("addresslist"), state.children(EntityKind.ADDRESS), null);
        writeChildren(members.name("invoicelist"), state.children(EntityKind.INVOICE), customer.nameLiteral());
        ByteSink list = members.name("orderlist").write((byte) '[');
        int n = 0;
        for (RecentEntry entry : state.recentOrders()) {
            if (n == ORDER_LIST_SIZE) {
                break;
            }
            if (n++ > 0) {
                list.write((byte) ',');
            }
            list.write(entry.item());
        }
        list.write((byte) ']');
        members.name("order_amount").write((byte) '"').writeAscii(Cents.format(state.receivableCents())).write((byte) '"');
    }

    private static void writePurchaseAmount(ByteSink out, long cents) {
        out.write((byte) ',').write(PURCHASE_AMOUNT).write((byte) ':').write((byte) '"').writeAscii(Cents.format(cents))
                .write((byte) '"').write((byte) '}');
    }

    /** Live children, is_default = "1" first, then by id ascending; invoices get the customer name. */
    private static void writeChildren(ByteSink out, NavigableMap<Long, ChildRecord> children, byte[] customerName) {
        out.write((byte) '[');
        boolean first = true;
        for (int pass = 0; pass < 2; pass++) {
            boolean defaults = pass == 0;
            for (ChildRecord child : children.values()) {
                if (!child.live() || child.data().isDefault() != defaults) {
                    continue;
                }
                if (!first) {
                    out.write((byte) ',');
                }
                first = false;
                byte[] json = child.data().json();
                if (customerName == null) {
                    out.write(json);
                } else {
                    out.write(json, 0, json.length - 1);
                    if (json.length > 2) {
                        out.write((byte) ',');
                    }
                    out.writeAscii("\"customer_name\":").write(customerName).write((byte) '}');
                }
            }
        }
        out.write((byte) ']');
    }

    /** Writes the members of one object, with the commas between them. */
    private static final class Members {
        private static final Map<String, byte[]> NAMES = new LinkedHashMap<>();

        static {
            for (List<String> group : List.of(CustomerLayout.BEFORE_CACHE_AT, CustomerLayout.BEFORE_TOTAL_INFOS,
                    CustomerLayout.AFTER_TOTAL_INFOS, List.of("_cache_at", "total_infos", "contacts", "addresslist",
                            "invoicelist", "orderlist", "order_amount", "address", "service3d", "invoice", "contract",
                            "orders", "service"))) {
                for (String name : group) {
                    NAMES.put(name, CustomerLayout.ascii("\"" + name + "\":"));
                }
            }
        }

        private final ByteSink out;
        private boolean first = true;

        Members(ByteSink out) {
            this.out = out;
            out.write((byte) '{');
        }

        /** Writes {@code "name":} (a known ASCII name) and returns the sink for the value. */
        ByteSink name(String name) {
            separate();
            return out.write(NAMES.get(name));
        }

        /** Writes a pre-encoded run of members (nothing when empty). */
        void raw(byte[] run) {
            if (run.length > 0) {
                separate();
                out.write(run);
            }
        }

        /** Writes {@code "name":value} when the value is present. */
        void value(String name, byte[] value) {
            if (value != null) {
                name(name).write(value);
            }
        }

        void close() {
            out.write((byte) '}');
        }

        private void separate() {
            if (!first) {
                out.write((byte) ',');
            }
            first = false;
        }
    }
}
