package io.intinode.p2p.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.intinode.p2p.core.SecureSession;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.PublicKey;
import io.intinode.p2p.noise.pb.NoisePayloadProto.NoiseHandshakePayload;
import java.nio.charset.StandardCharsets;

/**
 * The libp2p payload carried in Noise messages 2 and 3: the identity key and its signature over
 * {@code "noise-libp2p-static-key:" || noise static key}, which binds the Noise key to the peer id.
 */
final class HandshakePayload {
    static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

    private HandshakePayload() {}

    static byte[] encode(Identity identity, byte[] noiseStaticKey) {
        return NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(identity.publicKey().toProtobuf()))
                .setIdentitySig(ByteString.copyFrom(identity.sign(signed(noiseStaticKey))))
                .build()
                .toByteArray();
    }

    /** Checks the payload against the remote's Noise static key and returns who the remote is. */
    static SecureSession verify(byte[] payload, byte[] remoteNoiseStaticKey) {
        NoiseHandshakePayload pb;
        try {
            pb = NoiseHandshakePayload.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new NoiseException("malformed handshake payload: " + e.getMessage());
        }
        if (!pb.hasIdentityKey() || !pb.hasIdentitySig()) {
            throw new NoiseException("handshake payload lacks identity key or signature");
        }
        PublicKey key;
        try {
            key = PublicKey.fromProtobuf(pb.getIdentityKey().toByteArray());
        } catch (IdentityException e) {
            throw new NoiseException("bad identity key in handshake: " + e.getMessage());
        }
        if (!key.verify(signed(remoteNoiseStaticKey), pb.getIdentitySig().toByteArray())) {
            throw new NoiseException("bad identity signature over the Noise static key from " + key.peerId());
        }
        return new SecureSession(key.peerId(), key);
    }

    private static byte[] signed(byte[] noiseStaticKey) {
        byte[] out = new byte[SIGNATURE_PREFIX.length + noiseStaticKey.length];
        System.arraycopy(SIGNATURE_PREFIX, 0, out, 0, SIGNATURE_PREFIX.length);
        System.arraycopy(noiseStaticKey, 0, out, SIGNATURE_PREFIX.length, noiseStaticKey.length);
        return out;
    }
}
