package io.customerinfo.core.render;

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
 * the row has none of those members.
 */
record RowLayout(byte[] beforeCacheAt, byte[] beforeTotalInfos, byte[] service3d, byte[] contract, byte[] service,
                 byte[] otherTotals, byte[] afterTotalInfos) {

    static RowLayout of(CustomerData customer) {
        return customer.derive(RowLayout.class, RowLayout::compute);
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
}
