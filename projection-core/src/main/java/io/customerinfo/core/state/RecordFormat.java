package io.customerinfo.core.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.customerinfo.core.event.ChildData;
import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.json.ByteSink;
import io.customerinfo.core.render.RowLayout;

/**
 * Byte formats of the {@code ents} and {@code orders} hash values (see API.md):
 * <pre>
 * tombstone  T&lt;version&gt;
 * customer   R&lt;version&gt;|&lt;the row's document layout, see RowLayout#writeStored&gt;
 *            (or, as written before the layout form, L&lt;version&gt;|&lt;row JSON&gt;; still read)
 * child      L&lt;version&gt;|&lt;0|1 is_default&gt;&lt;row JSON&gt;
 * order      L&lt;version&gt;|&lt;created_at&gt;|&lt;amount cents&gt;|&lt;paid cents&gt;|&lt;c|o&gt;&lt;sales_order_sn UTF-8&gt;
 * </pre>
 */
final class RecordFormat {

    private RecordFormat() {
    }

    static byte[] encode(CustomerRecord record) {
        if (!record.live()) {
            return tombstone(record.version());
        }
        ByteSink out = new ByteSink(record.data().hasJson() ? record.data().json().length + 64 : 2048);
        out.write((byte) 'R').writeLong(record.version()).write((byte) '|');
        RowLayout.writeStored(out, record.data());
        return out.toByteArray();
    }

    static byte[] encode(ChildRecord record) {
        if (!record.live()) {
            return tombstone(record.version());
        }
        byte[] json = record.data().json();
        return new ByteSink(json.length + 24).write((byte) 'L').writeLong(record.version()).write((byte) '|')
                .write((byte) (record.data().isDefault() ? '1' : '0')).write(json).toByteArray();
    }

    static byte[] encode(OrderRecord record) {
        if (!record.live()) {
            return tombstone(record.version());
        }
        return new ByteSink(64).write((byte) 'L').writeLong(record.version()).write((byte) '|')
                .writeLong(record.createdAt()).write((byte) '|')
                .writeLong(record.amountCents()).write((byte) '|')
                .writeLong(record.paidCents()).write((byte) '|')
                .write((byte) (record.cancelled() ? 'c' : 'o'))
                .writeUtf8(record.salesOrderSn()).toByteArray();
    }

    static CustomerRecord decodeCustomer(byte[] value, long customerId) {
        Reader r = new Reader(value, customerId, "customer");
        boolean layout = value.length > 0 && value[0] == 'R';
        long version = layout ? r.layoutVersion() : r.version();
        if (r.tombstone) {
            return new CustomerRecord(version, null);
        }
        try {
            return new CustomerRecord(version, layout ? RowLayout.readStored(value, r.pos) : CustomerData.ofJson(r.rest()));
        } catch (IllegalArgumentException e) {
            throw r.bad(e.getMessage());
        }
    }

    static ChildRecord decodeChild(byte[] value, long customerId, String field) {
        Reader r = new Reader(value, customerId, field);
        long version = r.version();
        if (r.tombstone) {
            return new ChildRecord(version, null);
        }
        byte flag = r.next();
        if (flag != '0' && flag != '1') {
            throw r.bad("is_default flag is not 0 or 1");
        }
        try {
            return new ChildRecord(version, new ChildData(r.rest(), flag == '1'));
        } catch (IllegalArgumentException e) {
            throw r.bad(e.getMessage());
        }
    }

    static OrderRecord decodeOrder(byte[] value, long customerId, String field) {
        Reader r = new Reader(value, customerId, "order " + field);
        long version = r.version();
        if (r.tombstone) {
            return OrderRecord.tombstone(version);
        }
        long createdAt = r.number();
        long amount = r.number();
        long paid = r.number();
        byte flag = r.next();
        if (flag != 'c' && flag != 'o') {
            throw r.bad("cancelled flag is not c or o");
        }
        return new OrderRecord(version, true, createdAt, amount, paid, flag == 'c',
                new String(r.rest(), StandardCharsets.UTF_8));
    }

    private static byte[] tombstone(long version) {
        return new ByteSink(20).write((byte) 'T').writeLong(version).toByteArray();
    }

    /** A cursor over one value; every failure names the customer and field. */
    private static final class Reader {
        private final byte[] value;
        private final long customerId;
        private final String field;
        private int pos;
        boolean tombstone;

        Reader(byte[] value, long customerId, String field) {
            this.value = value;
            this.customerId = customerId;
            this.field = field;
        }

        long version() {
            if (value.length < 2 || (value[0] != 'L' && value[0] != 'T')) {
                throw bad("does not start with L or T");
            }
            tombstone = value[0] == 'T';
            pos = 1;
            if (tombstone) {
                return digitsTo(value.length);
            }
            return number();
        }

        /** The version of an {@code R} record (a customer stored by its layout). */
        long layoutVersion() {
            pos = 1;
            return number();
        }

        /** Digits up to the next '|', which is consumed. */
        long number() {
            int bar = pos;
            while (bar < value.length && value[bar] != '|') {
                bar++;
            }
            if (bar == value.length) {
                throw bad("missing '|'");
            }
            long v = digitsTo(bar);
            pos = bar + 1;
            return v;
        }

        private long digitsTo(int end) {
            if (end == pos) {
                throw bad("empty number");
            }
            long v = 0;
            boolean negative = value[pos] == '-';
            for (int i = negative ? pos + 1 : pos; i < end; i++) {
                int d = value[i] - '0';
                if (d < 0 || d > 9) {
                    throw bad("not a number");
                }
                v = v * 10 + d;
            }
            pos = end;
            return negative ? -v : v;
        }

        byte next() {
            if (pos >= value.length) {
                throw bad("truncated");
            }
            return value[pos++];
        }

        byte[] rest() {
            return Arrays.copyOfRange(value, pos, value.length);
        }

        IllegalArgumentException bad(String why) {
            return new IllegalArgumentException("customer " + customerId + ": " + field + " record is not in the stored format: " + why);
        }
    }
}
