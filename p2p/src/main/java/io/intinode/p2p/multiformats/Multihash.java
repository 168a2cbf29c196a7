package io.intinode.p2p.multiformats;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A self-describing hash: varint code, varint length, digest. Only the codes intinode uses are accepted:
 * sha2-256 (0x12, 32 bytes) and identity (0x00, used for inline Ed25519 peer ids).
 */
public record Multihash(int code, byte[] digest) {
    public static final int IDENTITY = 0x00;
    public static final int SHA2_256 = 0x12;
    /** Identity multihashes carry whole public keys; libp2p caps inline keys at 42 bytes, we allow some slack. */
    public static final int MAX_IDENTITY_BYTES = 128;

    public Multihash {
        digest = digest.clone();
        switch (code) {
            case SHA2_256 -> {
                if (digest.length != 32) {
                    throw new MultiformatException("sha2-256 multihash needs 32 bytes, got " + digest.length);
                }
            }
            case IDENTITY -> {
                if (digest.length > MAX_IDENTITY_BYTES) {
                    throw new MultiformatException("identity multihash longer than " + MAX_IDENTITY_BYTES + " bytes");
                }
            }
            default -> throw new MultiformatException("unsupported multihash code 0x" + Integer.toHexString(code));
        }
    }

    public static Multihash sha256(byte[] digest) {
        return new Multihash(SHA2_256, digest);
    }

    public static Multihash identity(byte[] data) {
        return new Multihash(IDENTITY, data);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + digest.length);
        Varint.write(code, out);
        Varint.write(digest.length, out);
        out.writeBytes(digest);
        return out.toByteArray();
    }

    /** Parses exactly one multihash spanning the whole array. */
    public static Multihash fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0, bytes.length);
    }

    /** Parses exactly one multihash spanning {@code bytes[offset, end)}. */
    static Multihash fromBytes(byte[] bytes, int offset, int end) {
        byte[] slice = Arrays.copyOfRange(bytes, offset, end);
        Varint.Decoded code = Varint.decodeInt(slice, 0);
        Varint.Decoded length = Varint.decodeInt(slice, code.length());
        int start = code.length() + length.length();
        if (slice.length - start != length.value()) {
            throw new MultiformatException("multihash length " + length.value() + " does not match "
                    + (slice.length - start) + " digest bytes");
        }
        return new Multihash((int) code.value(), Arrays.copyOfRange(slice, start, slice.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash m && m.code == code && Arrays.equals(m.digest, digest);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "Multihash[0x" + Integer.toHexString(code) + ":" + HexFormat.of().formatHex(digest) + "]";
    }
}
