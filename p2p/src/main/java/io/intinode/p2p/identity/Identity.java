package io.intinode.p2p.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.intinode.p2p.identity.pb.KeysProto;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** This node's Ed25519 key pair. */
public final class Identity {
    public static final int SEED_BYTES = Ed25519PrivateKeyParameters.KEY_SIZE;

    private final Ed25519PrivateKeyParameters privateKey;
    private final PublicKey publicKey;
    private final PeerId peerId;

    private Identity(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new PublicKey(privateKey.generatePublicKey().getEncoded());
        this.peerId = PeerId.of(publicKey);
    }

    public static Identity fromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IdentityException("Ed25519 seed must be " + SEED_BYTES + " bytes, got " + seed.length);
        }
        return new Identity(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public static Identity generate(SecureRandom random) {
        return new Identity(new Ed25519PrivateKeyParameters(random));
    }

    public byte[] sign(byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public PeerId peerId() {
        return peerId;
    }

    /** The libp2p protobuf private key: Ed25519 data is the 32-byte seed followed by the public key. */
    byte[] toProtobuf() {
        byte[] data = new byte[SEED_BYTES + PublicKey.BYTES];
        privateKey.encode(data, 0);
        System.arraycopy(publicKey.raw(), 0, data, SEED_BYTES, PublicKey.BYTES);
        return KeysProto.PrivateKey.newBuilder()
                .setType(KeysProto.KeyType.Ed25519)
                .setData(ByteString.copyFrom(data))
                .build()
                .toByteArray();
    }

    static Identity fromProtobuf(byte[] encoded) {
        KeysProto.PrivateKey pb;
        try {
            pb = KeysProto.PrivateKey.parseFrom(encoded);
        } catch (InvalidProtocolBufferException e) {
            throw new IdentityException("malformed private key: " + e.getMessage(), e);
        }
        if (pb.getType() != KeysProto.KeyType.Ed25519) {
            throw new IdentityException("unsupported private key type " + pb.getType() + " (only Ed25519)");
        }
        byte[] data = pb.getData().toByteArray();
        if (data.length != SEED_BYTES + PublicKey.BYTES && data.length != SEED_BYTES) {
            throw new IdentityException("Ed25519 private key must be 32 or 64 bytes, got " + data.length);
        }
        Identity identity = fromSeed(Arrays.copyOf(data, SEED_BYTES));
        if (data.length > SEED_BYTES
                && !Arrays.equals(identity.publicKey.raw(), Arrays.copyOfRange(data, SEED_BYTES, data.length))) {
            throw new IdentityException("private key file is inconsistent: public half does not match seed");
        }
        return identity;
    }
}
