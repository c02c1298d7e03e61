package io.customerinfo.readmodel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The value of {@code cinfo:g<N>:{<cid>}:doc}: the document split so that serving needs no JSON parsing, only
 * the splice of {@code purchase_amount} for the month of serving:
 * <pre>
 * CIV1|&lt;rev&gt;|&lt;cache_at&gt;|&lt;org_id&gt;|&lt;write month yyyyMM&gt;|&lt;yyyyMM&gt;=&lt;cents&gt;,...\n&lt;body&gt;
 * </pre>
 * {@code body} is the document JSON without its last member ({@code ,"purchase_amount":...}) and closing brace;
 * a month not listed has a purchase sum of 0. The projector writes it with {@link #header} (the renderer writes
 * the body after it); the query API reads it with {@link #parse}, which parses the header line only and never the
 * body.
 */
public final class StoredView {

    public static final String MAGIC = "CIV1";

    private static final byte[] MAGIC_BAR = (MAGIC + "|").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENVELOPE_HEAD = "{\"errCode\":1000,\"errMsg\":\"请求成功\",\"data\":"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] PURCHASE_PREFIX = ",\"purchase_amount\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOCUMENT_SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final long rev;
    private final long cacheAt;
    private final String orgId;
    private final int writeMonth;
    private final int monthsStart;
    private final int monthsEnd;
    private final int bodyStart;

    private StoredView(byte[] bytes, long rev, long cacheAt, String orgId, int writeMonth, int monthsStart,
            int monthsEnd, int bodyStart) {
        this.bytes = bytes;
        this.rev = rev;
        this.cacheAt = cacheAt;
        this.orgId = orgId;
        this.writeMonth = writeMonth;
        this.monthsStart = monthsStart;
        this.monthsEnd = monthsEnd;
        this.bodyStart = bodyStart;
    }

    /**
     * The header line of a stored view, newline included; the body follows it. An {@code orgId} that could break
     * the header (anything but ASCII letters, digits, '-' and '_') is written as "".
     *
     * @param monthCents purchase cents of the previous month, the write month and later non-zero months
     */
    public static byte[] header(long rev, long cacheAt, String orgId, int writeMonth,
                                SortedMap<Integer, Long> monthCents) {
        StringBuilder line = new StringBuilder(48 + monthCents.size() * 16);
        line.append(MAGIC).append('|').append(rev).append('|').append(cacheAt).append('|').append(headerSafe(orgId))
                .append('|').append(writeMonth).append('|');
        boolean first = true;
        for (Map.Entry<Integer, Long> month : monthCents.entrySet()) {
            if (!first) {
                line.append(',');
            }
            first = false;
            line.append(month.getKey()).append('=').append(month.getValue());
        }
        return line.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The stored bytes of a view: {@link #header} then {@code body}. */
    public static byte[] encode(long rev, long cacheAt, String orgId, int writeMonth,
                                SortedMap<Integer, Long> monthCents, byte[] body) {
        byte[] header = header(rev, cacheAt, orgId, writeMonth, monthCents);
        byte[] bytes = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, bytes, header.length, body.length);
        return bytes;
    }

    /** The org id when it is ASCII letters, digits, '-' and '_' only (nothing that could break the header), else "". */
    static String headerSafe(String orgId) {
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

    /** @throws MalformedViewException when the bytes are not a stored view */
    public static StoredView parse(byte[] bytes) {
        for (int i = 0; i < MAGIC_BAR.length; i++) {
            if (i >= bytes.length || bytes[i] != MAGIC_BAR[i]) {
                throw new MalformedViewException("stored view does not start with CIV1|");
            }
        }
        int p = MAGIC_BAR.length;
        int end = indexOf(bytes, (byte) '|', p);
        long rev = parseLong(bytes, p, end, "rev");
        p = end + 1;
        end = indexOf(bytes, (byte) '|', p);
        long cacheAt = parseLong(bytes, p, end, "cache_at");
        p = end + 1;
        end = indexOf(bytes, (byte) '|', p);
        String orgId = new String(bytes, p, end - p, StandardCharsets.US_ASCII);
        p = end + 1;
        end = indexOf(bytes, (byte) '|', p);
        int writeMonth = (int) parseLong(bytes, p, end, "write month");
        p = end + 1;
        end = indexOf(bytes, (byte) '\n', p);
        int bodyStart = end + 1;
        if (bytes.length - bodyStart < 2 || bytes[bodyStart] != '{') {
            throw new MalformedViewException("stored view body does not start with {");
        }
        return new StoredView(bytes, rev, cacheAt, orgId, writeMonth, p, end, bodyStart);
    }

    public long rev() {
        return rev;
    }

    public long cacheAt() {
        return cacheAt;
    }

    public String orgId() {
        return orgId;
    }

    public int writeMonth() {
        return writeMonth;
    }

    /** The purchase sum of {@code month} (yyyyMM) from the month list; unlisted months are 0. */
    public long purchaseCents(int month) {
        return scanMonths(month, null);
    }

    /** Every month the header lists, with its purchase cents. */
    public SortedMap<Integer, Long> monthCents() {
        TreeMap<Integer, Long> months = new TreeMap<>();
        scanMonths(-1, months);
        return Collections.unmodifiableSortedMap(months);
    }

    /** The cents of {@code wanted}, or 0 when unlisted; with {@code all}, collects every month there instead. */
    private long scanMonths(int wanted, Map<Integer, Long> all) {
        int p = monthsStart;
        while (p < monthsEnd) {
            int eq = indexOf(bytes, (byte) '=', p);
            int comma = p;
            while (comma < monthsEnd && bytes[comma] != ',') {
                comma++;
            }
            if (eq > comma) {
                throw new MalformedViewException("month list entry without =");
            }
            long month = parseLong(bytes, p, eq, "month");
            if (all != null) {
                all.put((int) month, parseSignedLong(bytes, eq + 1, comma));
            } else if (month == wanted) {
                return parseSignedLong(bytes, eq + 1, comma);
            }
            p = comma + 1;
        }
        return 0;
    }

    /** The stored bytes, as parsed (not a copy: do not change them). */
    public byte[] bytes() {
        return bytes;
    }

    /** The body: the document without {@code purchase_amount} and its closing brace. */
    public byte[] body() {
        return Arrays.copyOfRange(bytes, bodyStart, bytes.length);
    }

    /** The document as served in {@code servingMonth}. */
    public byte[] document(int servingMonth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 32);
        writeDocument(out, Cents.ascii(purchaseCents(servingMonth)));
        return out.toByteArray();
    }

    /** The whole success response: {@code {"errCode":1000,"errMsg":"请求成功","data":<document>}}. */
    public byte[] response(int servingMonth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 96);
        out.writeBytes(ENVELOPE_HEAD);
        writeDocument(out, Cents.ascii(purchaseCents(servingMonth)));
        out.write('}');
        return out.toByteArray();
    }

    private void writeDocument(ByteArrayOutputStream out, byte[] purchaseAmount) {
        try {
            writeDocument((OutputStream) out, purchaseAmount);
        } catch (IOException e) {
            throw new IllegalStateException("a byte array stream does not fail", e);
        }
    }

    /** Length of the document {@link #writeDocument} writes for the given amount. */
    public int documentLength(byte[] purchaseAmount) {
        return bytes.length - bodyStart + PURCHASE_PREFIX.length + purchaseAmount.length + DOCUMENT_SUFFIX.length;
    }

    /** Writes the complete document: body, then {@code ,"purchase_amount":"<amount>"}. */
    public void writeDocument(OutputStream out, byte[] purchaseAmount) throws IOException {
        out.write(bytes, bodyStart, bytes.length - bodyStart);
        out.write(PURCHASE_PREFIX);
        out.write(purchaseAmount);
        out.write(DOCUMENT_SUFFIX);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new MalformedViewException("stored view header is truncated");
    }

    private static long parseSignedLong(byte[] bytes, int from, int to) {
        if (from < to && bytes[from] == '-') {
            return -parseLong(bytes, from + 1, to, "cents");
        }
        return parseLong(bytes, from, to, "cents");
    }

    private static long parseLong(byte[] bytes, int from, int to, String what) {
        if (from >= to || to - from > 18) {
            throw new MalformedViewException("stored view header has a bad " + what);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                throw new MalformedViewException("stored view header has a bad " + what);
            }
            v = v * 10 + d;
        }
        return v;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredView that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StoredView[rev=" + rev + ", cacheAt=" + cacheAt + ", orgId=" + orgId + ", writeMonth=" + writeMonth
                + ", months=" + monthCents() + ", body=" + (bytes.length - bodyStart) + " bytes]";
    }
}
