package io.customerinfo.core.view;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.customerinfo.core.event.Cents;
import io.customerinfo.core.json.ByteSink;

/**
 * The value of {@code cinfo:g<N>:{<cid>}:doc}: the document split so that serving needs no JSON
 * parsing, only the splice of {@code purchase_amount} for the month of serving:
 * <pre>
 * CIV1|&lt;rev&gt;|&lt;cache_at&gt;|&lt;org_id&gt;|&lt;write month yyyyMM&gt;|&lt;yyyyMM&gt;=&lt;cents&gt;,...\n&lt;body&gt;
 * </pre>
 * {@code body} is the document without its last member and closing brace. A month not listed has a
 * purchase sum of 0. This class is the reference the query API's own splicing is tested against.
 *
 * @param orgId      the customer's {@code org_id} (ASCII letters, digits, '-' and '_' only; else "")
 * @param monthCents purchase cents of the previous month, the write month and later non-zero months
 */
public record StoredView(long rev, long cacheAt, String orgId, int writeMonth, SortedMap<Integer, Long> monthCents,
                         byte[] body) {

    public static final String MAGIC = "CIV1";

    private static final byte[] ENVELOPE_HEAD = "{\"errCode\":1000,\"errMsg\":\"请求成功\",\"data\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PURCHASE_AMOUNT = ",\"purchase_amount\":\"".getBytes(StandardCharsets.US_ASCII);

    public StoredView {
        orgId = headerSafe(orgId);
        monthCents = Collections.unmodifiableSortedMap(new TreeMap<>(monthCents));
    }

    /** The stored bytes. */
    public byte[] encode() {
        ByteSink out = new ByteSink(body.length + 96);
        writeHeader(out, rev, cacheAt, orgId, writeMonth, monthCents);
        return out.write(body).toByteArray();
    }

    /**
     * Writes the header line (with its newline) of a stored view; the body follows it. An {@code orgId} that is not
     * header-safe is written as "", as the constructor does.
     */
    public static void writeHeader(ByteSink out, long rev, long cacheAt, String orgId, int writeMonth,
                                   SortedMap<Integer, Long> monthCents) {
        out.writeAscii(MAGIC).write((byte) '|').writeLong(rev).write((byte) '|').writeLong(cacheAt).write((byte) '|')
                .writeAscii(headerSafe(orgId)).write((byte) '|').writeLong(writeMonth).write((byte) '|');
        boolean first = true;
        for (Map.Entry<Integer, Long> month : monthCents.entrySet()) {
            if (!first) {
                out.write((byte) ',');
            }
            first = false;
            out.writeLong(month.getKey()).write((byte) '=').writeLong(month.getValue());
        }
        out.write((byte) '\n');
    }

    /** The org id when it is ASCII letters, digits, '-' and '_' only (nothing that could break the header), else "". */
    private static String headerSafe(String orgId) {
        if (orgId == null) {
            return "";
        }
        for (int i = 0; i < orgId.length(); i++) {
            char c = orgId.charAt(i);
            boolean safe = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'
                    || c == '-';
            if (!safe) {
                return "";
            }
        }
        return orgId;
    }

    /** @throws IllegalArgumentException when the bytes are not a stored view */
    public static StoredView decode(byte[] bytes) {
        int newline = indexOf(bytes, (byte) '\n');
        if (newline < 0) {
            throw new IllegalArgumentException("stored view has no header line");
        }
        String header = new String(bytes, 0, newline, StandardCharsets.US_ASCII);
        String[] parts = header.split("\\|", -1);
        if (parts.length != 6 || !parts[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a " + MAGIC + " stored view header: " + header);
        }
        try {
            TreeMap<Integer, Long> months = new TreeMap<>();
            if (!parts[5].isEmpty()) {
                for (String month : parts[5].split(",")) {
                    int eq = month.indexOf('=');
                    months.put(Integer.parseInt(month.substring(0, eq)), Long.parseLong(month.substring(eq + 1)));
                }
            }
            return new StoredView(Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3],
                    Integer.parseInt(parts[4]), months, Arrays.copyOfRange(bytes, newline + 1, bytes.length));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed stored view header: " + header, e);
        }
    }

    /** Purchase cents of {@code month} (0 when not listed). */
    public long purchaseCents(int month) {
        return monthCents.getOrDefault(month, 0L);
    }

    /** The document as served in {@code servingMonth}. */
    public byte[] document(int servingMonth) {
        ByteSink out = new ByteSink(body.length + 48);
        appendDocument(out, servingMonth);
        return out.toByteArray();
    }

    /** The whole success response: {@code {"errCode":1000,"errMsg":"请求成功","data":<document>}}. */
    public byte[] response(int servingMonth) {
        ByteSink out = new ByteSink(body.length + 96);
        out.write(ENVELOPE_HEAD);
        appendDocument(out, servingMonth);
        return out.write((byte) '}').toByteArray();
    }

    private void appendDocument(ByteSink out, int servingMonth) {
        out.write(body).write(PURCHASE_AMOUNT).writeAscii(Cents.format(purchaseCents(servingMonth)))
                .write((byte) '"').write((byte) '}');
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredView that && rev == that.rev && cacheAt == that.cacheAt && orgId.equals(that.orgId)
                && writeMonth == that.writeMonth && monthCents.equals(that.monthCents) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rev) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "StoredView[rev=" + rev + ", cacheAt=" + cacheAt + ", orgId=" + orgId + ", writeMonth=" + writeMonth
                + ", months=" + monthCents + ", body=" + body.length + " bytes]";
    }
}
