package io.customerinfo.query.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One stored view as read from Redis, with only its one-line header parsed:
 * {@code CIV1|<rev>|<cache_at>|<org_id>|<yyyyMM of write>|<yyyyMM>=<cents>,...\n<body>}.
 * The body (the document JSON up to, not including, {@code ,"purchase_amount":...}) is never parsed;
 * {@link #writeDocument} splices the purchase amount of the serving month onto it.
 */
public final class StoredView {

    private static final byte[] MAGIC = "CIV1|".getBytes(StandardCharsets.US_ASCII);
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

    public static StoredView parse(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= bytes.length || bytes[i] != MAGIC[i]) {
                throw new MalformedViewException("stored view does not start with CIV1|");
            }
        }
        int p = MAGIC.length;
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
            if (parseLong(bytes, p, eq, "month") == month) {
                return parseSignedLong(bytes, eq + 1, comma);
            }
            p = comma + 1;
        }
        return 0;
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
}
