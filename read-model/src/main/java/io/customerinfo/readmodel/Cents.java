package io.customerinfo.readmodel;

import java.nio.charset.StandardCharsets;

/**
 * Exact money: amounts are {@code long} cents, parsed from and rendered as legacy decimal strings
 * ("0.00", "1280.50", "-3.10").
 */
public final class Cents {

    /** At most 12 integer digits: sums over millions of orders still fit in a long. */
    public static final int MAX_INTEGER_DIGITS = 12;

    private Cents() {
    }

    /**
     * Parses a non-negative decimal with at most two decimals and at most {@value #MAX_INTEGER_DIGITS}
     * integer digits, no sign, no leading zeros ("0", "12", "0.1", "1280.50").
     *
     * @return the cents, or -1 when the text is not such a decimal
     */
    public static long parse(String text) {
        int n = text.length();
        int dot = text.indexOf('.');
        int intEnd = dot < 0 ? n : dot;
        if (intEnd == 0 || intEnd > MAX_INTEGER_DIGITS || (intEnd > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        long units = 0;
        for (int i = 0; i < intEnd; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            units = units * 10 + (c - '0');
        }
        long fraction = 0;
        if (dot >= 0) {
            int decimals = n - dot - 1;
            if (decimals < 1 || decimals > 2) {
                return -1;
            }
            for (int i = dot + 1; i < n; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                fraction = fraction * 10 + (c - '0');
            }
            if (decimals == 1) {
                fraction *= 10;
            }
        }
        return units * 100 + fraction;
    }

    /** {@link #format} as ASCII bytes, for writers that splice it into a response. */
    public static byte[] ascii(long cents) {
        return format(cents).getBytes(StandardCharsets.US_ASCII);
    }

    /** "0.00" form, with a minus sign for a negative sum (a receivable can go below zero). */
    public static String format(long cents) {
        if (cents == Long.MIN_VALUE) {
            return "-92233720368547758.08";
        }
        StringBuilder out = new StringBuilder(24);
        long abs = Math.abs(cents);
        if (cents < 0) {
            out.append('-');
        }
        out.append(abs / 100).append('.');
        long fraction = abs % 100;
        if (fraction < 10) {
            out.append('0');
        }
        return out.append(fraction).toString();
    }
}
