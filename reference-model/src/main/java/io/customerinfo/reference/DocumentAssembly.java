package io.customerinfo.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One customer's document, computed from scratch out of the latest version of every entity (README "What the
 * projector derives"; member order from {@code customer-info-document.schema.json} and the golden response).
 */
final class DocumentAssembly {

    /**
     * The customer row's members in the legacy order of the golden response, with the two members the projector
     * places among them: {@code _cache_at} after {@code org_property_name}, {@code total_infos} after
     * {@code extend_infos}.
     */
    static final List<String> LEGACY_ORDER = List.of(
            "id", "org_cid", "org_id", "org_department_id", "is_credit", "code", "code_old", "helper_code", "name",
            "short_name", "name_en", "checking_info", "license_no", "_license_no", "signboard", "mobile", "remark",
            "email", "org_type_name", "org_property_name", "_cache_at", "area_name", "area_owner_name", "state_name",
            "state_color", "state_bg_color", "updated_user_name", "created_user_name", "user_name", "org_cid_name",
            "org_name", "org_f_name", "org_department_name", "finance_org_name", "report_org_name",
            "warehouse_org_name", "price_range_name", "channel_name", "grade_name", "category_name",
            "is_checked_name", "pay_method_name", "credit_limit", "used_limit", "account_days", "sales_money",
            "visit_plan", "extend_infos", "total_infos", "services", "_can_edit_area_id", "_can_edit_price_range");

    /** Derived members: a customer row that carries them has them ignored. */
    static final Set<String> DERIVED = Set.of(
            "contacts", "addresslist", "invoicelist", "orderlist", "order_amount", "purchase_amount", "_cache_at");

    /** total_infos: the derived counts among the row's own service3d, contract and service, as in the golden. */
    static final List<String> TOTALS_ORDER = List.of("contacts", "address", "service3d", "invoice", "contract", "orders", "service");

    static final int ORDER_LIST_SIZE = 10;

    private static final Comparator<Change> DEFAULT_FIRST_THEN_ID = Comparator
            .comparing((Change c) -> !c.row().get("is_default").asString().equals("1"))
            .thenComparing(c -> Long.parseLong(c.id()));

    private static final Comparator<Change> MOST_RECENT_FIRST = Comparator
            .comparing((Change c) -> Long.parseLong(c.row().get("created_at").asString()))
            .thenComparing(c -> Long.parseLong(c.id()))
            .reversed();

    private DocumentAssembly() {
    }

    /** The document of the live customer {@code customer}, with every entity's latest change in {@code latest}. */
    static ObjectNode assemble(Change customer, Collection<Change> latest, Instant now, ZoneId zone) {
        Map<Entity, List<Change>> children = liveChildren(latest, customer.id());
        List<Change> contacts = children.get(Entity.CONTACT);
        List<Change> addresses = children.get(Entity.ADDRESS);
        List<Change> invoices = children.get(Entity.INVOICE);
        List<Change> orders = children.get(Entity.ORDER).stream()
                .filter(o -> !o.row().get("status").asString().equals("cancelled")).toList();

        ObjectNode row = customer.row();
        ObjectNode doc = Json.MAPPER.createObjectNode();
        for (String name : LEGACY_ORDER) {
            if (name.equals("_cache_at")) {
                doc.put("_cache_at", now.getEpochSecond());
            } else if (name.equals("total_infos")) {
                doc.set("total_infos", totals(row.get("total_infos"), contacts.size(), addresses.size(), invoices.size(),
                        orders.size()));
            } else if (row.has(name)) {
                doc.set(name, row.get(name).deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> member : row.properties()) {
            if (!LEGACY_ORDER.contains(member.getKey()) && !DERIVED.contains(member.getKey())) {
                doc.set(member.getKey(), member.getValue().deepCopy());
            }
        }
        doc.set("contacts", rows(contacts));
        doc.set("addresslist", rows(addresses));
        ArrayNode invoiceList = doc.putArray("invoicelist");
        for (Change invoice : invoices) {
            ObjectNode copy = invoice.row().deepCopy();
            copy.remove("customer_name");
            copy.put("customer_name", row.get("name").asString());
            invoiceList.add(copy);
        }
        ArrayNode orderList = doc.putArray("orderlist");
        orders.stream().sorted(MOST_RECENT_FIRST).limit(ORDER_LIST_SIZE).forEach(o -> orderList.addObject()
                .put("created_at", o.row().get("created_at").asString())
                .put("sales_order_sn", o.row().get("sales_order_sn").asString())
                .put("amount", twoDecimals(amount(o, "amount"))));
        BigDecimal receivable = BigDecimal.ZERO;
        BigDecimal purchased = BigDecimal.ZERO;
        YearMonth thisMonth = YearMonth.from(now.atZone(zone));
        for (Change o : orders) {
            receivable = receivable.add(amount(o, "amount")).subtract(amount(o, "paid_amount"));
            Instant created = Instant.ofEpochSecond(Long.parseLong(o.row().get("created_at").asString()));
            if (YearMonth.from(created.atZone(zone)).equals(thisMonth)) {
                purchased = purchased.add(amount(o, "amount"));
            }
        }
        doc.put("order_amount", twoDecimals(receivable));
        doc.put("purchase_amount", twoDecimals(purchased));
        return doc;
    }

    /**
     * The live entities of each child kind whose latest version names {@code customerId} (one scan of every
     * entity); contacts, addresses and invoices default first, then by numeric id.
     */
    private static Map<Entity, List<Change>> liveChildren(Collection<Change> latest, String customerId) {
        Map<Entity, List<Change>> children = new EnumMap<>(Entity.class);
        for (Entity kind : List.of(Entity.CONTACT, Entity.ADDRESS, Entity.INVOICE, Entity.ORDER)) {
            children.put(kind, new ArrayList<>());
        }
        for (Change c : latest) {
            if (c.entity() != Entity.CUSTOMER && !c.isDelete() && c.customerId().equals(customerId)) {
                children.get(c.entity()).add(c);
            }
        }
        children.get(Entity.CONTACT).sort(DEFAULT_FIRST_THEN_ID);
        children.get(Entity.ADDRESS).sort(DEFAULT_FIRST_THEN_ID);
        children.get(Entity.INVOICE).sort(DEFAULT_FIRST_THEN_ID);
        return children;
    }

    private static ObjectNode totals(JsonNode rowTotals, int contacts, int addresses, int invoices, int orders) {
        ObjectNode totals = Json.MAPPER.createObjectNode();
        for (String name : TOTALS_ORDER) {
            switch (name) {
                case "contacts" -> totals.put(name, Integer.toString(contacts));
                case "address" -> totals.put(name, Integer.toString(addresses));
                case "invoice" -> totals.put(name, Integer.toString(invoices));
                case "orders" -> totals.put(name, Integer.toString(orders));
                default -> {
                    if (rowTotals != null && rowTotals.has(name)) {
                        totals.set(name, rowTotals.get(name).deepCopy());
                    }
                }
            }
        }
        if (rowTotals != null) {
            for (Map.Entry<String, JsonNode> member : rowTotals.properties()) {
                if (!TOTALS_ORDER.contains(member.getKey())) {
                    totals.set(member.getKey(), member.getValue().deepCopy());
                }
            }
        }
        return totals;
    }

    private static ArrayNode rows(List<Change> children) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        children.forEach(c -> list.add(c.row().deepCopy()));
        return list;
    }

    private static BigDecimal amount(Change order, String member) {
        return new BigDecimal(order.row().get(member).asString());
    }

    private static String twoDecimals(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
