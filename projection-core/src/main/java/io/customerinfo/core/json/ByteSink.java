package io.customerinfo.core.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for writing JSON that is mostly copied from pre-encoded pieces. */
public final class ByteSink {

    private byte[] buf;
    private int len;

    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public ByteSink write(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    public ByteSink write(byte[] bytes) {
        return write(bytes, 0, bytes.length);
    }

    public ByteSink write(byte[] bytes, int off, int n) {
        ensure(n);
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
        return this;
    }

    /** Writes a string whose characters are all ASCII (names, digits). */
    public ByteSink writeAscii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    public ByteSink writeUtf8(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    public ByteSink writeLong(long value) {
        if (value >= 0 && value < 10) {
            return write((byte) ('0' + value));
        }
        return writeAscii(Long.toString(value));
    }

    public int length() {
        return len;
    }

    public void truncate(int length) {
        if (length < 0 || length > len) {
            throw new IllegalArgumentException("cannot truncate " + len + " bytes to " + length);
        }
        len = length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
