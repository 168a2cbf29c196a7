package io.intinode.p2p.identity;

import io.intinode.p2p.multiformats.Cid;
import io.intinode.p2p.multiformats.Multibase;
import io.intinode.p2p.multiformats.MultiformatException;
import io.intinode.p2p.multiformats.Multihash;

/**
 * A libp2p peer id: the multihash of a protobuf-encoded public key. Ed25519 keys are small enough to be
 * inlined with the identity hash, which is why their text form starts with {@code 12D3KooW}.
 */
public record PeerId(Multihash multihash) implements Comparable<PeerId> {
    /** The spec inlines keys up to 42 encoded bytes; longer ones are hashed with sha2-256. */
    private static final int MAX_INLINE_KEY_BYTES = 42;

    public static PeerId of(PublicKey key) {
        byte[] encoded = key.toProtobuf();
        if (encoded.length > MAX_INLINE_KEY_BYTES) {
            throw new IdentityException("key too large to inline in a peer id");
        }
        return new PeerId(Multihash.identity(encoded));
    }

    /** Parses the base58btc form ({@code 12D3KooW…}, {@code Qm…}) or a CIDv1 with codec libp2p-key. */
    public static PeerId parse(String text) {
        try {
            if (text.startsWith("1") || text.startsWith("Q")) {
                return fromBytes(Multibase.fromBase58(text));
            }
            Cid cid = Cid.parse(text);
            if (cid.codec() != Cid.LIBP2P_KEY) {
                throw new IdentityException("CID is not a libp2p-key: " + text);
            }
            return new PeerId(cid.multihash());
        } catch (MultiformatException e) {
            throw new IdentityException("not a peer id: " + text + " (" + e.getMessage() + ")", e);
        }
    }

    public static PeerId fromBytes(byte[] bytes) {
        try {
            return new PeerId(Multihash.fromBytes(bytes));
        } catch (MultiformatException e) {
            throw new IdentityException("not a peer id multihash: " + e.getMessage(), e);
        }
    }

    public byte[] toBytes() {
        return multihash.toBytes();
    }

    /** The public key inlined in an identity peer id, if it is one. */
    public java.util.Optional<PublicKey> inlinedKey() {
        if (multihash.code() != Multihash.IDENTITY) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(PublicKey.fromProtobuf(multihash.digest()));
    }

    public boolean matches(PublicKey key) {
        return equals(of(key));
    }

    public Cid toCid() {
        return new Cid(Cid.LIBP2P_KEY, multihash);
    }

    @Override
    public int compareTo(PeerId o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return Multibase.base58(toBytes());
    }
}
