package io.intinode.p2p.multiformats;

import io.intinode.store.Digest;
import java.io.ByteArrayOutputStream;

/**
 * A CIDv1: version 1, a content codec, a multihash. intinode uses {@code raw} (0x55) for blobs, so a blob's
 * CID is its SHA-256 in another spelling ({@code bafkrei…}), and {@code libp2p-key} (0x72) for peer ids.
 */
public record Cid(int codec, Multihash multihash) {
    public static final int RAW = 0x55;
    public static final int LIBP2P_KEY = 0x72;
    private static final int VERSION = 1;

    public Cid {
        if (codec != RAW && codec != LIBP2P_KEY) {
            throw new MultiformatException("unsupported CID codec 0x" + Integer.toHexString(codec));
        }
    }

    /** The raw-codec CID of a blob with this SHA-256 digest. */
    public static Cid of(Digest digest) {
        return new Cid(RAW, Multihash.sha256(digest.bytes()));
    }

    /** The SHA-256 digest this CID names; only raw sha2-256 CIDs name a blob. */
    public Digest toDigest() {
        if (codec != RAW || multihash.code() != Multihash.SHA2_256) {
            throw new MultiformatException("CID " + this + " is not a raw sha2-256 CID");
        }
        return Digest.of(multihash.digest());
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.write(VERSION, out);
        Varint.write(codec, out);
        out.writeBytes(multihash.toBytes());
        return out.toByteArray();
    }

    public static Cid fromBytes(byte[] bytes) {
        Varint.Decoded version = Varint.decodeInt(bytes, 0);
        if (version.value() != VERSION) {
            throw new MultiformatException("unsupported CID version " + version.value() + " (only CIDv1)");
        }
        Varint.Decoded codec = Varint.decodeInt(bytes, version.length());
        int mhStart = version.length() + codec.length();
        return new Cid((int) codec.value(), Multihash.fromBytes(bytes, mhStart, bytes.length));
    }

    /** Parses a multibase CIDv1 ({@code b…} base32 or {@code z…} base58btc). */
    public static Cid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new MultiformatException("empty CID");
        }
        if (text.startsWith("Qm")) {
            throw new MultiformatException("CIDv0 is not supported (only CIDv1): " + text);
        }
        return fromBytes(Multibase.decode(text));
    }

    /** The canonical text form: base32 lowercase. */
    @Override
    public String toString() {
        return Multibase.encode(Multibase.BASE32, toBytes());
    }
}
