package io.intinode.p2p.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise CipherState with ChaChaPoly: a key and a 64-bit counter nonce (4 zero bytes, then the counter
 * little-endian). Uses the JDK's ChaCha20-Poly1305, which has CPU intrinsics.
 */
final class CipherState {
    static final int TAG_BYTES = 16;
    static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private long n;

    CipherState(byte[] key) {
        this.key = new SecretKeySpec(key, "ChaCha20");
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks ChaCha20-Poly1305", e);
        }
    }

    /** Encrypts {@code plain} into {@code out} (which must have room for the tag). */
    void encrypt(ByteBuffer ad, ByteBuffer plain, ByteBuffer out) {
        try {
            init(Cipher.ENCRYPT_MODE, ad);
            cipher.doFinal(plain, out);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("encryption failed: " + e.getMessage(), e);
        }
    }

    /** Decrypts and authenticates; a bad tag is a {@link NoiseException}. */
    void decrypt(ByteBuffer ad, ByteBuffer ciphertext, ByteBuffer out) {
        if (ciphertext.remaining() < TAG_BYTES) {
            throw new NoiseException("ciphertext shorter than its tag");
        }
        try {
            init(Cipher.DECRYPT_MODE, ad);
            cipher.doFinal(ciphertext, out);
        } catch (AEADBadTagException e) {
            throw new NoiseException("decryption failed: bad authentication tag");
        } catch (GeneralSecurityException e) {
            throw new NoiseException("decryption failed: " + e.getMessage(), e);
        }
    }

    byte[] encrypt(byte[] ad, byte[] plain) {
        ByteBuffer out = ByteBuffer.allocate(plain.length + TAG_BYTES);
        encrypt(ad == null ? null : ByteBuffer.wrap(ad), ByteBuffer.wrap(plain), out);
        return out.array();
    }

    byte[] decrypt(byte[] ad, byte[] ciphertext) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(0, ciphertext.length - TAG_BYTES));
        decrypt(ad == null ? null : ByteBuffer.wrap(ad), ByteBuffer.wrap(ciphertext), out);
        return out.array();
    }

    private void init(int mode, ByteBuffer ad) throws GeneralSecurityException {
        if (n == -1L) { // 2^64-1 is reserved by the Noise spec
            throw new NoiseException("nonce space exhausted");
        }
        long v = n++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (v >>> (8 * i));
        }
        cipher.init(mode, key, new IvParameterSpec(nonce));
        if (ad != null && ad.hasRemaining()) {
            cipher.updateAAD(ad);
        }
    }
}
