package io.intinode.p2p.multiformats;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 varint as the multiformats spec defines it: at most 9 bytes (63 bits), minimally encoded.
 */
public final class Varint {
    /** The spec caps varints at 9 bytes so values fit in 63 bits. */
    public static final int MAX_BYTES = 9;

    private Varint() {}

    /** A decoded value and how many bytes it took. */
    public record Decoded(long value, int length) {}

    public static byte[] encode(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BYTES);
        write(value, out);
        return out.toByteArray();
    }

    public static void write(long value, ByteArrayOutputStream out) {
        if (value < 0) {
            throw new MultiformatException("varint must be non-negative: " + value);
        }
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    public static int encodedLength(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /** Decodes the varint at {@code offset}; rejects truncated, over-long and non-minimal encodings. */
    public static Decoded decode(byte[] in, int offset) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (offset + i >= in.length) {
                throw new MultiformatException("truncated varint");
            }
            int b = in[offset + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MultiformatException("varint is not minimally encoded");
                }
                return new Decoded(value, i + 1);
            }
        }
        throw new MultiformatException("varint longer than " + MAX_BYTES + " bytes");
    }

    /** Decodes a varint that must fit an int (codes, lengths). */
    public static Decoded decodeInt(byte[] in, int offset) {
        Decoded d = decode(in, offset);
        if (d.value() > Integer.MAX_VALUE) {
            throw new MultiformatException("varint value too large: " + d.value());
        }
        return d;
    }
}
