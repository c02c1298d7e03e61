package io.customerinfo.query.store;

import java.nio.charset.StandardCharsets;

/** Renders exact cent amounts in the document's {@code "0.00"} form. */
public final class Amounts {

    private static final byte[] ZERO = "0.00".getBytes(StandardCharsets.US_ASCII);

    private Amounts() {
    }

    public static byte[] format(long cents) {
        if (cents == 0) {
            return ZERO;
        }
        boolean negative = cents < 0;
        String digits = negative ? Long.toString(cents).substring(1) : Long.toString(cents);
        StringBuilder sb = new StringBuilder(digits.length() + 4);
        if (negative) {
            sb.append('-');
        }
        if (digits.length() <= 2) {
            sb.append("0.");
            if (digits.length() == 1) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            sb.append(digits, 0, digits.length() - 2).append('.').append(digits, digits.length() - 2, digits.length());
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
