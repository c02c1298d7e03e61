package io.customerinfo.simulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Customer rows: every customer-level field of the contract's sample customer, in its order. */
final class CustomerRows {

    private static final DateTimeFormatter ITEM_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(CrmRows.ZONE);
    private static final String[] GRADES = {"钻石", "金牌", "银牌", "普通"};
    private static final String[] STATES = {"一般客户", "重点客户", "潜在客户"};
    private static final String[] CATEGORIES = {"协议客户", "零售客户", "批发客户"};
    private static final String[] CARS = {"大众", "丰田", "本田", "别克", "日产", "alulalu", "奥迪"};

    private final CrmRows base;
    private final SplittableRandom random;

    CustomerRows(CrmRows base, SplittableRandom random) {
        this.base = base;
        this.random = random;
    }

    ObjectNode customer(String id, long now) {
        String name = base.companyName();
        String[] region = base.pick(CrmRows.REGIONS);
        String owner = base.personName();
        ObjectNode c = CrmRows.NODES.objectNode();
        c.put("id", id);
        c.put("org_cid", "0");
        c.put("org_id", String.valueOf(1 + random.nextInt(3)));
        c.put("org_department_id", "0");
        c.put("is_credit", random.nextInt(4) == 0 ? "1" : "0");
        c.put("code", "C" + "0".repeat(Math.max(0, 8 - id.length())) + id);
        c.put("code_old", "");
        c.put("helper_code", base.letters(2 + random.nextInt(3)));
        c.put("name", name);
        c.put("short_name", name.length() > 4 ? name.substring(0, 4) : name);
        c.put("name_en", "");
        c.put("checking_info", checkingInfo(region, name));
        c.put("license_no", "");
        c.put("_license_no", base.digits(18));
        c.put("signboard", "");
        c.put("mobile", base.mobile());
        c.put("remark", base.pick(CrmRows.REMARKS));
        c.put("email", base.digits(9 + random.nextInt(2)) + "@qq.com");
        c.put("org_type_name", random.nextBoolean() ? "公司总部" : "分公司");
        c.put("org_property_name", random.nextBoolean() ? "直营" : "加盟");
        c.put("area_name", random.nextBoolean() ? "分销店" : "直营店");
        c.put("area_owner_name", owner);
        c.put("state_name", base.pick(STATES));
        c.put("state_color", "3ba360");
        c.put("state_bg_color", "F4F9F5");
        c.put("updated_user_name", owner);
        c.put("created_user_name", owner);
        c.put("user_name", owner);
        c.put("org_cid_name", "");
        c.put("org_name", "优配车联");
        c.put("org_f_name", "");
        c.put("org_department_name", "");
        c.put("finance_org_name", "");
        c.put("report_org_name", "");
        c.put("warehouse_org_name", "");
        c.put("price_range_name", random.nextBoolean() ? "内部网点" : "外部网点");
        c.put("channel_name", "");
        c.put("grade_name", base.pick(GRADES));
        c.put("category_name", base.pick(CATEGORIES));
        c.put("is_checked_name", random.nextBoolean() ? "待认证" : "已认证");
        c.put("pay_method_name", random.nextBoolean() ? "账期" : "现结");
        c.put("credit_limit", base.amount(0, 5_000_000));
        c.put("used_limit", "0.00");
        c.put("account_days", random.nextInt(4) * 15 + " 天");
        c.put("sales_money", base.amount(0, 10_000_000));
        c.putObject("visit_plan");
        ArrayNode extend = c.putArray("extend_infos");
        extend.add(extendInfo(id, now));
        ObjectNode totals = c.putObject("total_infos");
        totals.put("service3d", String.valueOf(random.nextInt(3)));
        totals.put("contract", String.valueOf(random.nextInt(2)));
        totals.put("service", String.valueOf(random.nextInt(2)));
        c.set("services", services(id, owner, now));
        c.put("_can_edit_area_id", 1);
        c.put("_can_edit_price_range", 1);
        return c;
    }

    /** A CRM user edits the customer: one to three fields change. */
    void edit(ObjectNode c, long now) {
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    String name = base.companyName();
                    c.put("name", name);
                    c.put("short_name", name.length() > 4 ? name.substring(0, 4) : name);
                }
                case 1 -> c.put("mobile", base.mobile());
                case 2 -> c.put("remark", base.pick(CrmRows.REMARKS));
                case 3 -> c.put("grade_name", base.pick(GRADES));
                case 4 -> c.put("state_name", base.pick(STATES));
                default -> ((ArrayNode) c.get("extend_infos")).add(extendInfo(c.get("id").asString(), now));
            }
        }
        c.put("updated_user_name", base.personName());
        ((ObjectNode) c.get("services")).put("updated_at", String.valueOf(now));
    }

    private ObjectNode extendInfo(String customerId, long now) {
        ObjectNode e = CrmRows.NODES.objectNode();
        e.put("id", String.valueOf(1 + random.nextInt(99_999)));
        e.put("customer_id", customerId);
        e.put("type", String.valueOf(1 + random.nextInt(3)));
        e.put("item", ITEM_DAY.format(Instant.ofEpochSecond(now)));
        e.put("content", base.pick(CrmRows.REMARKS).isEmpty() ? "回访" : base.pick(CrmRows.REMARKS));
        e.put("created_at", String.valueOf(now));
        e.put("updated_at", String.valueOf(now));
        return e;
    }

    private ObjectNode services(String customerId, String owner, long now) {
        ObjectNode s = CrmRows.NODES.objectNode();
        s.put("id", String.valueOf(10_000 + random.nextInt(90_000)));
        s.put("customer_id", customerId);
        String[] roles = {"operate", "business", "distribution", "technique", "finance"};
        for (String prefix : new String[] {"whole_", "quick_"}) {
            for (String role : roles) {
                s.put(prefix + role, random.nextInt(4) == 0 ? String.valueOf(1 + random.nextInt(5)) : "0");
            }
        }
        s.put("created_at", String.valueOf(now));
        s.put("updated_at", String.valueOf(now));
        for (String prefix : new String[] {"_whole_", "_quick_"}) {
            for (String role : roles) {
                String level = s.get(prefix.substring(1) + role).asString();
                s.put(prefix + role, "0".equals(level) ? "" : owner + " " + base.mobile());
            }
        }
        return s;
    }

    private String checkingInfo(String[] region, String name) {
        ObjectNode ci = CrmRows.NODES.objectNode();
        String upload = "http://tapi.1uap.com/upload/parts/2020/06/";
        ci.put("major_car", base.pick(CARS));
        ci.put("region_code", region[0]);
        ci.put("group_name", base.pick(CrmRows.WORDS) + base.pick(CrmRows.WORDS) + "联盟");
        ci.put("contact_card", upload + base.digits(12) + ".png");
        ci.put("channel_name", random.nextBoolean() ? "同行" : "网络");
        ci.put("workshop_images", upload + base.digits(12) + ".png");
        ci.put("location_y", String.format(java.util.Locale.ROOT, "%.6f", 100 + random.nextDouble() * 22));
        ci.put("nature", String.valueOf(1 + random.nextInt(2)));
        ci.put("location_x", String.format(java.util.Locale.ROOT, "%.6f", 22 + random.nextDouble() * 18));
        ci.put("total_sales", String.valueOf(100 * (1 + random.nextInt(50))));
        ci.put("quality", String.valueOf(1 + random.nextInt(3)));
        ci.put("parent_company", random.nextBoolean() ? "" : name);
        ci.put("license_no", base.digits(18));
        ci.put("stations", String.valueOf(1 + random.nextInt(40)));
        ci.put("contact_address", region[1].replace(" ", "") + base.pick(CrmRows.WORDS) + base.pick(CrmRows.WORDS) + "路" + (1 + random.nextInt(500)) + "号");
        ci.put("signboard", upload + base.digits(12) + ".png");
        ci.put("is_group", String.valueOf(random.nextInt(2)));
        ci.put("front_images", upload + base.digits(12) + ".png");
        ci.put("channel_id", String.valueOf(1 + random.nextInt(9)));
        ci.put("license", upload + base.digits(12) + ".png");
        ci.put("employees", String.valueOf(5 * (1 + random.nextInt(30))));
        ci.put("agreement_images", "");
        ci.put("warehouse_images", "");
        return ci.toString();
    }
}
