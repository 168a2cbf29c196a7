package io.intinode.dht.core;

import java.util.Arrays;
import java.util.HexFormat;

/** The XOR of two 256-bit points in key space, ordered as an unsigned big-endian number. */
public final class Distance implements Comparable<Distance> {
    public static final int BITS = 256;
    private final byte[] xor;

    private Distance(byte[] xor) {
        this.xor = xor;
    }

    static Distance between(byte[] a, byte[] b) {
        byte[] x = new byte[a.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (a[i] ^ b[i]);
        }
        return new Distance(x);
    }

    /** Leading zero bits: 256 for the same point, 0 when the first bits differ. */
    public int commonPrefixLength() {
        for (int i = 0; i < xor.length; i++) {
            if (xor[i] != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(xor[i] & 0xFF) - 24;
            }
        }
        return BITS;
    }

    @Override
    public int compareTo(Distance o) {
        return Arrays.compareUnsigned(xor, o.xor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distance d && Arrays.equals(d.xor, xor);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xor);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(xor);
    }
}
