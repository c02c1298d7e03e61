package io.customerinfo.core.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The customer-level member order of the legacy document (customer-info-62640.json). */
final class CustomerLayout {

    private CustomerLayout() {
    }

    /** Row members before {@code _cache_at}. */
    static final List<String> BEFORE_CACHE_AT = List.of(
            "id", "org_cid", "org_id", "org_department_id", "is_credit", "code", "code_old", "helper_code", "name",
            "short_name", "name_en", "checking_info", "license_no", "_license_no", "signboard", "mobile", "remark",
            "email", "org_type_name", "org_property_name");

    /** Row members between {@code _cache_at} and {@code total_infos}. */
    static final List<String> BEFORE_TOTAL_INFOS = List.of(
            "area_name", "area_owner_name", "state_name", "state_color", "state_bg_color", "updated_user_name",
            "created_user_name", "user_name", "org_cid_name", "org_name", "org_f_name", "org_department_name",
            "finance_org_name", "report_org_name", "warehouse_org_name", "price_range_name", "channel_name",
            "grade_name", "category_name", "is_checked_name", "pay_method_name", "credit_limit", "used_limit",
            "account_days", "sales_money", "visit_plan", "extend_infos");

    static final String TOTAL_INFOS = "total_infos";

    /** Row members after {@code total_infos}; unknown members follow them. */
    static final List<String> AFTER_TOTAL_INFOS = List.of("services", "_can_edit_area_id", "_can_edit_price_range");

    /** {@code total_infos} members the row provides; the others are counted by the projector. */
    static final Set<String> DERIVED_TOTALS = Set.of("contacts", "address", "invoice", "orders");

    static final Set<String> KNOWN;

    /** {@code "name":} as bytes for every known name. */
    private static final Map<String, byte[]> NAME_PREFIXES;

    static {
        java.util.HashSet<String> known = new java.util.HashSet<>(BEFORE_CACHE_AT);
        known.addAll(BEFORE_TOTAL_INFOS);
        known.add(TOTAL_INFOS);
        known.addAll(AFTER_TOTAL_INFOS);
        KNOWN = Set.copyOf(known);
        java.util.HashMap<String, byte[]> prefixes = new java.util.HashMap<>();
        for (String name : known) {
            prefixes.put(name, ascii("\"" + name + "\":"));
        }
        NAME_PREFIXES = Map.copyOf(prefixes);
    }

    /** {@code "name":} for any member name (escaped when it is not a known one). */
    static byte[] namePrefix(String name) {
        byte[] prefix = NAME_PREFIXES.get(name);
        if (prefix != null) {
            return prefix;
        }
        byte[] quoted = io.customerinfo.core.json.CompactJson.quote(name);
        byte[] out = java.util.Arrays.copyOf(quoted, quoted.length + 1);
        out[quoted.length] = ':';
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
