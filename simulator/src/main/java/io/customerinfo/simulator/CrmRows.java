package io.customerinfo.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Realistic CRM rows (the {@code data} of an upsert), shaped field for field like the contract's sample
 * customer 62640 and its children. Times are epoch seconds as decimal strings; amounts have two decimals.
 */
final class CrmRows {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter SN_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZONE);

    private static final String[] SURNAMES = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 宋 郑 梁 谢".split(" ");
    private static final String[] GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 英 华 辉 凝 兰 鹏 飞 婷 浩".split(" ");
    private static final String[] CITIES = "上海 北京 济南 杭州 广州 深圳 成都 武汉 南京 苏州 青岛 西安 郑州 长沙".split(" ");
    static final String[] WORDS = "鑫 盛 达 顺 通 宏 远 恒 佳 优 车 联 瑞 丰 华 安 捷 驰 诚 信 定 会 骏 腾".split(" ");
    private static final String[] SUFFIXES = {"汽修厂", "汽车服务有限公司", "轮胎店", "汽配商行", "快修中心", "汽车美容店", "养护中心"};
    private static final String[] TITLES = {"老板", "店长", "采购", "财务", "技师", "前台"};
    static final String[] REMARKS = {"", "会立即", "月底结账", "周末不收货", "老客户", "需开专票", "卡通肉了", "送货前电话联系"};
    private static final String[] BANKS = {"中国工商银行", "中国建设银行", "招商银行", "中国农业银行", "交通银行"};
    static final List<String[]> REGIONS = List.of(
            new String[] {"310115000", "上海市 上海市 浦东新区", "200120"},
            new String[] {"370102000", "山东省 济南市 历下区", "250014"},
            new String[] {"110105000", "北京市 北京市 朝阳区", "100020"},
            new String[] {"330106000", "浙江省 杭州市 西湖区", "310013"},
            new String[] {"440305000", "广东省 深圳市 南山区", "518052"},
            new String[] {"510107000", "四川省 成都市 武侯区", "610041"},
            new String[] {"420106000", "湖北省 武汉市 武昌区", "430061"},
            new String[] {"320106000", "江苏省 南京市 鼓楼区", "210009"});

    private final SplittableRandom random;

    private final CustomerRows customers;

    CrmRows(SplittableRandom random) {
        this.random = random;
        this.customers = new CustomerRows(this, random);
    }

    ObjectNode customer(String id, long now) {
        return customers.customer(id, now);
    }

    /** A CRM user edits the customer: one to three fields change. */
    void editCustomer(ObjectNode c, long now) {
        customers.edit(c, now);
    }

    ObjectNode contact(String id, String customerId, boolean isDefault, long now) {
        String mobile = mobile();
        boolean boss = random.nextInt(3) == 0;
        ObjectNode c = NODES.objectNode();
        c.put("id", id);
        c.put("customer_id", customerId);
        c.put("name", personName());
        c.put("title", pick(TITLES));
        c.put("sex", String.valueOf(random.nextInt(2)));
        c.put("call_name", "");
        c.put("mobile", mobile);
        c.put("tel", random.nextBoolean() ? mobile : "0" + digits(2) + "-" + digits(8));
        c.put("email", digits(9) + "@qq.com");
        c.put("weixin", digits(5));
        c.put("hobby", random.nextBoolean() ? "" : ",钓鱼");
        c.put("address", pick(REGIONS)[1].replace(" ", ""));
        c.put("roles", boss ? "1" : "2");
        c.put("is_boss", boss ? "1" : "0");
        c.put("is_bind_wx", String.valueOf(random.nextInt(2)));
        c.put("is_helper", "0");
        c.put("is_default", isDefault ? "1" : "0");
        c.put("remark", pick(REMARKS));
        c.put("created_at", String.valueOf(now));
        c.put("updated_at", String.valueOf(now));
        ArrayNode roles = c.putArray("_roles");
        roles.addObject().put("id", boss ? "1" : "2").put("name", boss ? "老板" : "员工");
        return c;
    }

    ObjectNode address(String id, String customerId, boolean isDefault, long now) {
        String[] region = pick(REGIONS);
        String street = pick(WORDS) + pick(WORDS) + "路" + (1 + random.nextInt(999)) + "号";
        ObjectNode a = NODES.objectNode();
        a.put("id", id);
        a.put("customer_id", customerId);
        a.put("name", street);
        a.put("contact", personName());
        a.put("contact_number", mobile());
        a.put("region_code", region[0]);
        a.put("region_address", region[1]);
        a.put("zip_code", region[2]);
        a.put("address", street);
        a.put("transport", random.nextBoolean() ? "" : "物流");
        a.put("is_default", isDefault ? "1" : "0");
        a.put("created_at", String.valueOf(now));
        a.put("updated_at", String.valueOf(now));
        return a;
    }

    ObjectNode invoice(String id, String customerId, boolean isDefault, long now) {
        ObjectNode i = NODES.objectNode();
        i.put("id", id);
        i.put("customer_id", customerId);
        i.put("is_default", isDefault ? "1" : "0");
        i.put("type", String.valueOf(random.nextInt(2)));
        i.put("contact_id", "0");
        i.put("title", companyName());
        i.put("code", "91" + digits(16));
        i.put("address", pick(REGIONS)[1].replace(" ", ""));
        i.put("tel", digits(8));
        i.put("bank", pick(BANKS));
        i.put("bank_card", "62" + digits(17));
        i.put("created_at", String.valueOf(now));
        i.put("updated_at", String.valueOf(now));
        return i;
    }

    /** A contact, address or invoice is edited: a non-key field and {@code updated_at} change. */
    void editChild(Entity kind, ObjectNode row, long now) {
        switch (kind) {
            case CONTACT -> {
                if (random.nextBoolean()) {
                    row.put("mobile", mobile());
                } else {
                    row.put("remark", pick(REMARKS));
                }
            }
            case ADDRESS -> row.put("contact_number", mobile());
            case INVOICE -> row.put("tel", digits(8));
            default -> throw new IllegalArgumentException("not a contact, address or invoice: " + kind);
        }
        row.put("updated_at", String.valueOf(now));
    }

    /** A new order: 60% open (partly paid at most), 30% paid, 10% cancelled; 10.00 to 20 000.00. */
    ObjectNode order(String id, String customerId, long createdAt, long serial) {
        long cents = orderCents();
        int roll = random.nextInt(10);
        String status = roll < 6 ? "open" : roll < 9 ? "paid" : "cancelled";
        long paid = switch (status) {
            case "paid" -> cents;
            case "open" -> random.nextInt(3) == 0 ? random.nextLong(cents) : 0;
            default -> 0;
        };
        ObjectNode o = NODES.objectNode();
        o.put("id", id);
        o.put("customer_id", customerId);
        o.put("sales_order_sn", "SO" + SN_DAY.format(Instant.ofEpochSecond(createdAt)) + padded(serial % 1_000_000, 6));
        o.put("amount", cents(cents));
        o.put("paid_amount", cents(paid));
        o.put("status", status);
        o.put("created_at", String.valueOf(createdAt));
        o.put("updated_at", String.valueOf(createdAt));
        return o;
    }

    /** An open order gets paid (most often), cancelled or re-priced; a paid one is sometimes cancelled. */
    void editOrder(ObjectNode o, long now) {
        String status = o.get("status").asString();
        int roll = random.nextInt(20);
        if ("open".equals(status)) {
            if (roll < 14) {
                o.put("status", "paid");
                o.put("paid_amount", o.get("amount").asString());
            } else if (roll < 17) {
                o.put("status", "cancelled");
            } else {
                long cents = orderCents();
                o.put("amount", cents(cents));
                o.put("paid_amount", "0.00");
            }
        } else if ("paid".equals(status) && roll < 2) {
            o.put("status", "cancelled");
        } else if ("cancelled".equals(status) && roll < 2) {
            o.put("status", "open");
            o.put("paid_amount", "0.00");
        }
        o.put("updated_at", String.valueOf(now));
    }

    static String cents(long cents) {
        return (cents / 100) + "." + padded(cents % 100, 2);
    }

    /** {@code n} (not negative) in decimal, left-padded with zeros to {@code width}. */
    static String padded(long n, int width) {
        String digits = Long.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    String personName() {
        return pick(SURNAMES) + pick(GIVEN) + (random.nextBoolean() ? pick(GIVEN) : "");
    }

    String companyName() {
        return pick(CITIES) + pick(WORDS) + pick(WORDS) + pick(SUFFIXES);
    }

    String mobile() {
        return "1" + "35789".charAt(random.nextInt(5)) + digits(9);
    }

    private long orderCents() {
        // log-uniform between 10.00 and 20 000.00: many small orders, a few big ones
        double exp = Math.log(1_000) + random.nextDouble() * (Math.log(2_000_000) - Math.log(1_000));
        return Math.max(1_000, Math.round(Math.exp(exp)));
    }

    String amount(long minCents, long maxCents) {
        return cents(minCents + random.nextLong(maxCents - minCents + 1) / 100 * 100);
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    String letters(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('A' + random.nextInt(26)));
        }
        return sb.toString();
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
