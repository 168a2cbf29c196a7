package io.intinode.p2p.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.intinode.p2p.identity.pb.KeysProto;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 public key, the only key type intinode accepts from peers. */
public record PublicKey(byte[] raw) {
    public static final int BYTES = Ed25519PublicKeyParameters.KEY_SIZE;
    /** A protobuf Ed25519 public key is 36 bytes; anything much larger is not one. */
    public static final int MAX_ENCODED_BYTES = 64;

    public PublicKey {
        if (raw.length != BYTES) {
            throw new IdentityException("Ed25519 public key must be " + BYTES + " bytes, got " + raw.length);
        }
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public boolean verify(byte[] data, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(raw));
        verifier.update(data, 0, data.length);
        return verifier.verifySignature(signature);
    }

    /** The libp2p protobuf encoding, as carried in Noise payloads, identify and peer ids. */
    public byte[] toProtobuf() {
        return KeysProto.PublicKey.newBuilder()
                .setType(KeysProto.KeyType.Ed25519)
                .setData(ByteString.copyFrom(raw))
                .build()
                .toByteArray();
    }

    public static PublicKey fromProtobuf(byte[] encoded) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new IdentityException("public key too large: " + encoded.length + " bytes");
        }
        KeysProto.PublicKey pb;
        try {
            pb = KeysProto.PublicKey.parseFrom(encoded);
        } catch (InvalidProtocolBufferException e) {
            throw new IdentityException("malformed public key: " + e.getMessage(), e);
        }
        if (pb.getType() != KeysProto.KeyType.Ed25519) {
            throw new IdentityException("unsupported key type " + pb.getType() + " (only Ed25519)");
        }
        return new PublicKey(pb.getData().toByteArray());
    }

    public PeerId peerId() {
        return PeerId.of(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey k && Arrays.equals(k.raw, raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "PublicKey[" + peerId() + "]";
    }
}
