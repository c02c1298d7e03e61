package io.customerinfo.query.web;

/** Byte-array helpers for request bodies. */
public final class TestBytes {

    private TestBytes() {
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
