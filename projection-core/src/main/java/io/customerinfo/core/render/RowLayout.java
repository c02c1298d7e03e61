package io.customerinfo.core.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.json.ByteSink;
import io.customerinfo.core.json.CompactJson;

/**
 * The customer row pre-encoded in document order, so that rendering copies a few byte runs instead of
 * looking up every member: computed once per row (memoized on the {@link CustomerData}).
 *
 * <p>Each run is {@code "name":value} members joined by commas, without a leading comma; empty when
 * the row has none of those members. {@code service3d}, {@code contract} and {@code service} are the
 * {@code total_infos} values the row gives, or {@code null}.
 *
 * <p>The projector stores a customer in this form ({@link #writeStored}, {@link #readStored}): every event of
 * the customer's children and orders loads the customer, and reading nine length-prefixed runs back costs far
 * less than splitting the row JSON and laying it out again.
 */
public record RowLayout(byte[] beforeCacheAt, byte[] beforeTotalInfos, byte[] service3d, byte[] contract,
                        byte[] service, byte[] otherTotals, byte[] afterTotalInfos) {

    static RowLayout of(CustomerData customer) {
        return customer.derive(RowLayout.class, RowLayout::compute);
    }

    /** Bytes the runs take in a document. */
    int length() {
        return beforeCacheAt.length + beforeTotalInfos.length + lengthOf(service3d) + lengthOf(contract)
                + lengthOf(service) + otherTotals.length + afterTotalInfos.length;
    }

    /**
     * The stored form of a customer row: {@code <n>:<org_id UTF-8>}, {@code <n>:<name literal>}, then the seven runs
     * in order as {@code <n>:<bytes>} ({@code -:} for an absent total), {@code n} the byte count in ASCII digits.
     */
    public static void writeStored(ByteSink out, CustomerData customer) {
        RowLayout layout = of(customer);
        run(out, customer.orgId().getBytes(StandardCharsets.UTF_8));
        run(out, customer.nameLiteral());
        run(out, layout.beforeCacheAt);
        run(out, layout.beforeTotalInfos);
        run(out, layout.service3d);
        run(out, layout.contract);
        run(out, layout.service);
        run(out, layout.otherTotals);
        run(out, layout.afterTotalInfos);
    }

    /**
     * A customer row from its stored form starting at {@code offset} and running to the end of {@code value}.
     *
     * @throws IllegalArgumentException when the bytes are not in the stored form
     */
    public static CustomerData readStored(byte[] value, int offset) {
        Cursor c = new Cursor(value, offset);
        String orgId = new String(c.run(false), StandardCharsets.UTF_8);
        byte[] name = c.run(false);
        RowLayout layout = new RowLayout(c.run(false), c.run(false), c.run(true), c.run(true), c.run(true),
                c.run(false), c.run(false));
        if (c.pos != value.length) {
            throw new IllegalArgumentException((value.length - c.pos) + " bytes after the last run");
        }
        return CustomerData.ofLayout(name, orgId, layout);
    }

    private static void run(ByteSink out, byte[] bytes) {
        if (bytes == null) {
            out.write((byte) '-').write((byte) ':');
        } else {
            out.writeLong(bytes.length).write((byte) ':').write(bytes);
        }
    }

    private static int lengthOf(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowLayout that && Arrays.equals(beforeCacheAt, that.beforeCacheAt)
                && Arrays.equals(beforeTotalInfos, that.beforeTotalInfos) && Arrays.equals(service3d, that.service3d)
                && Arrays.equals(contract, that.contract) && Arrays.equals(service, that.service)
                && Arrays.equals(otherTotals, that.otherTotals) && Arrays.equals(afterTotalInfos, that.afterTotalInfos);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(beforeCacheAt) * 31 + Arrays.hashCode(afterTotalInfos);
    }

    @Override
    public String toString() {
        return "RowLayout[" + new String(beforeCacheAt, StandardCharsets.UTF_8) + " ...]";
    }

    private static RowLayout compute(CustomerData customer) {
        Map<String, byte[]> row = customer.members();
        byte[] totals = row.get(CustomerLayout.TOTAL_INFOS);
        Map<String, byte[]> given = totals == null || totals[0] != '{' ? Map.of() : CompactJson.members(totals);
        ByteSink otherTotals = new ByteSink(32);
        for (Map.Entry<String, byte[]> member : given.entrySet()) {
            String name = member.getKey();
            if (!CustomerLayout.DERIVED_TOTALS.contains(name) && !name.equals("service3d") && !name.equals("contract")
                    && !name.equals("service")) {
                member(otherTotals, name, member.getValue());
            }
        }
        ByteSink after = run(row, CustomerLayout.AFTER_TOTAL_INFOS);
        for (Map.Entry<String, byte[]> member : row.entrySet()) {
            if (!CustomerLayout.KNOWN.contains(member.getKey())) {
                member(after, member.getKey(), member.getValue());
            }
        }
        return new RowLayout(run(row, CustomerLayout.BEFORE_CACHE_AT).toByteArray(),
                run(row, CustomerLayout.BEFORE_TOTAL_INFOS).toByteArray(),
                given.get("service3d"), given.get("contract"), given.get("service"),
                otherTotals.toByteArray(), after.toByteArray());
    }

    private static ByteSink run(Map<String, byte[]> row, List<String> names) {
        ByteSink out = new ByteSink(1024);
        for (String name : names) {
            byte[] value = row.get(name);
            if (value != null) {
                member(out, name, value);
            }
        }
        return out;
    }

    private static void member(ByteSink out, String name, byte[] value) {
        if (out.length() > 0) {
            out.write((byte) ',');
        }
        out.write(CustomerLayout.namePrefix(name)).write(value);
    }

    /** Reads {@code <n>:<bytes>} runs. */
    private static final class Cursor {
        private final byte[] value;
        private int pos;

        Cursor(byte[] value, int pos) {
            this.value = value;
            this.pos = pos;
        }

        byte[] run(boolean nullable) {
            if (pos + 1 < value.length && value[pos] == '-' && value[pos + 1] == ':') {
                if (!nullable) {
                    throw new IllegalArgumentException("a required run is absent at byte " + pos);
                }
                pos += 2;
                return null;
            }
            int n = 0;
            int start = pos;
            while (pos < value.length && value[pos] != ':') {
                int d = value[pos] - '0';
                if (d < 0 || d > 9 || pos - start > 9) {
                    throw new IllegalArgumentException("no run length at byte " + start);
                }
                n = n * 10 + d;
                pos++;
            }
            if (pos == start || pos == value.length || pos + 1 + n > value.length) {
                throw new IllegalArgumentException("truncated run at byte " + start);
            }
            pos++;
            byte[] bytes = Arrays.copyOfRange(value, pos, pos + n);
            pos += n;
            return bytes;
        }
    }
}
