package io.intinode.dht.core;

import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiformats.Cid;
import io.intinode.p2p.multiformats.Multihash;
import io.intinode.store.Digest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A Kademlia key: the bytes named on the wire (a peer id's multihash, a blob's sha2-256 multihash) and its
 * point in key space, SHA-256 of those bytes, from which distances are measured (kad-dht spec, "Distance").
 */
public final class Key {
    /** The longest key we accept anywhere; multihashes of the kinds we use are well under it. */
    public static final int MAX_BYTES = 128;
    private static final int SHA256_MULTIHASH_BYTES = 34;

    private final byte[] bytes;
    private final byte[] point;

    private Key(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new DhtException("key of " + bytes.length + " bytes (need 1.." + MAX_BYTES + ")");
        }
        this.bytes = bytes;
        this.point = sha256(bytes);
    }

    public static Key of(byte[] bytes) {
        return new Key(bytes.clone());
    }

    public static Key ofPeer(PeerId peer) {
        return new Key(peer.toBytes());
    }

    /** A blob's key: the multihash of its SHA-256, i.e. its raw CIDv1 without the CID prefix. */
    public static Key ofBlob(Digest digest) {
        return new Key(Multihash.sha256(digest.bytes()).toBytes());
    }

    public static Key ofCid(Cid cid) {
        return new Key(cid.multihash().toBytes());
    }

    /** A random sha2-256-multihash key (valid as a peer id on the wire), used to explore key space. */
    public static Key random(RandomGenerator random) {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return new Key(Multihash.sha256(digest).toBytes());
    }

    /**
     * A random key whose distance to {@code self} has exactly {@code commonPrefixLength} leading zero bits,
     * found by trying at most {@code maxTries} random keys (about 2^(cpl+1) are needed on average).
     */
    public static java.util.Optional<Key> randomAt(Key self, int commonPrefixLength, RandomGenerator random,
            int maxTries) {
        for (int i = 0; i < maxTries; i++) {
            Key k = random(random);
            if (self.distance(k).commonPrefixLength() == commonPrefixLength) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /** True for a sha2-256 multihash: the only kind of key that names a blob. */
    public boolean isBlobKey() {
        return bytes.length == SHA256_MULTIHASH_BYTES && bytes[0] == Multihash.SHA2_256 && bytes[1] == 32;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public Distance distance(Key other) {
        return Distance.between(point, other.point);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(point);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
