package io.intinode.p2p.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Noise SymmetricState for SHA-256: chaining key, handshake hash, and the current handshake cipher. */
final class SymmetricState {
    static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
    private static final int HASH_BYTES = 32;

    private byte[] ck;
    private byte[] h;
    private CipherState cipher;

    SymmetricState(byte[] prologue) {
        byte[] name = PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII);
        h = Arrays.copyOf(name, HASH_BYTES); // the name is exactly 32 bytes, so it is used as is
        ck = h.clone();
        mixHash(prologue);
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    void mixHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update(h);
        sha.update(data);
        h = sha.digest();
    }

    void mixKey(byte[] ikm) {
        byte[][] out = hkdf(ck, ikm);
        ck = out[0];
        cipher = new CipherState(out[1]);
    }

    byte[] encryptAndHash(byte[] plain) {
        byte[] c = cipher == null ? plain : cipher.encrypt(h, plain);
        mixHash(c);
        return c;
    }

    byte[] decryptAndHash(byte[] c) {
        byte[] p = cipher == null ? c : cipher.decrypt(h, c);
        mixHash(c);
        return p;
    }

    boolean hasKey() {
        return cipher != null;
    }

    /** The two transport ciphers: initiator to responder, responder to initiator. */
    CipherState[] split() {
        byte[][] out = hkdf(ck, new byte[0]);
        return new CipherState[] {new CipherState(out[0]), new CipherState(out[1])};
    }

    private static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
        byte[] temp = hmac(chainingKey, ikm);
        byte[] out1 = hmac(temp, new byte[] {1});
        byte[] in2 = Arrays.copyOf(out1, HASH_BYTES + 1);
        in2[HASH_BYTES] = 2;
        return new byte[][] {out1, hmac(temp, in2)};
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks HmacSHA256", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }
}
