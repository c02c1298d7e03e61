package io.customerinfo.core.decode;

/** Entity ids travel as decimal strings: "0" or up to 18 digits without a leading zero. */
final class Ids {

    static final int MAX_DIGITS = 18;

    private Ids() {
    }

    /** The id, or -1 when the text is not a canonical decimal id. */
    static long parse(String text) {
        return digits(text, MAX_DIGITS);
    }

    /** A canonical non-negative decimal of at most {@code maxDigits} digits, or -1. */
    static long digits(String text, int maxDigits) {
        if (text == null) {
            return -1;
        }
        int n = text.length();
        if (n == 0 || n > maxDigits || (n > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
