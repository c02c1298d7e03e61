package io.customerinfo.core.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

import io.customerinfo.core.json.ByteSink;
import io.customerinfo.core.json.CompactJson;
import io.customerinfo.readmodel.Cents;

/**
 * One live, non-cancelled order in the recent-orders index, with its rendered {@code orderlist}
 * item, so that rendering the list needs no order records.
 *
 * <p>In Redis it is a member of the {@code recent} sorted set: the order id zero-padded to 19 digits
 * followed by the item JSON, scored by {@code created_at}. Equal scores sort members lexically, so
 * a reverse range gives created_at desc, then id desc: the order of this class.
 */
public record RecentEntry(long createdAt, long orderId, byte[] item) {

    public static final int ID_DIGITS = 19;

    /** Most recent first: created_at desc, then order id desc. */
    public static final Comparator<RecentEntry> NEWEST_FIRST = (a, b) -> {
        int byTime = Long.compare(b.createdAt, a.createdAt);
        return byTime != 0 ? byTime : Long.compare(b.orderId, a.orderId);
    };

    public static RecentEntry of(long orderId, OrderRecord order) {
        ByteSink item = new ByteSink(96);
        item.writeAscii("{\"created_at\":\"").writeLong(order.createdAt())
                .writeAscii("\",\"sales_order_sn\":").write(CompactJson.quote(order.salesOrderSn()))
                .writeAscii(",\"amount\":\"").writeAscii(Cents.format(order.amountCents())).writeAscii("\"}");
        return new RecentEntry(order.createdAt(), orderId, item.toByteArray());
    }

    /** The sorted-set member: 19-digit zero-padded id + item JSON. */
    public byte[] member() {
        byte[] member = new byte[ID_DIGITS + item.length];
        long v = orderId;
        for (int i = ID_DIGITS - 1; i >= 0; i--) {
            member[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        System.arraycopy(item, 0, member, ID_DIGITS, item.length);
        return member;
    }

    /** The sorted-set score. */
    public double score() {
        return createdAt;
    }

    /**
     * Reads a member back.
     *
     * @throws IllegalArgumentException when it is not a recent-orders member
     */
    public static RecentEntry fromMember(byte[] member) {
        if (member.length < ID_DIGITS + 16) {
            throw new IllegalArgumentException("not a recent-orders member: " + new String(member, StandardCharsets.UTF_8));
        }
        long id = 0;
        for (int i = 0; i < ID_DIGITS; i++) {
            id = id * 10 + digit(member, i);
        }
        int p = ID_DIGITS + "{\"created_at\":\"".length();
        long createdAt = 0;
        while (p < member.length && member[p] != '"') {
            createdAt = createdAt * 10 + digit(member, p++);
        }
        return new RecentEntry(createdAt, id, Arrays.copyOfRange(member, ID_DIGITS, member.length));
    }

    private static int digit(byte[] member, int i) {
        int d = member[i] - '0';
        if (d < 0 || d > 9) {
            throw new IllegalArgumentException("not a recent-orders member: " + new String(member, StandardCharsets.UTF_8));
        }
        return d;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentEntry that && createdAt == that.createdAt && orderId == that.orderId
                && Arrays.equals(item, that.item);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(orderId) * 31 + Long.hashCode(createdAt);
    }

    @Override
    public String toString() {
        return "RecentEntry[" + orderId + "@" + createdAt + " " + new String(item, StandardCharsets.UTF_8) + "]";
    }
}
