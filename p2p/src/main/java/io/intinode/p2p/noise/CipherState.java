package io.intinode.p2p.noise;

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

    /**
     * Encrypts {@code len} bytes of {@code in} into {@code out} (room for the tag needed). Heap arrays, not
     * direct buffers: the JDK's ChaCha20-Poly1305 copies direct buffers through arrays anyway.
     */
    int encrypt(byte[] ad, byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            init(Cipher.ENCRYPT_MODE, ad);
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("encryption failed: " + e.getMessage(), e);
        }
    }

    /** Decrypts and authenticates; a bad tag is a {@link NoiseException}. */
    int decrypt(byte[] ad, byte[] in, int off, int len, byte[] out, int outOff) {
        if (len < TAG_BYTES) {
            throw new NoiseException("ciphertext shorter than its tag");
        }
        try {
            init(Cipher.DECRYPT_MODE, ad);
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new NoiseException("decryption failed: bad authentication tag");
        } catch (GeneralSecurityException e) {
            throw new NoiseException("decryption failed: " + e.getMessage(), e);
        }
    }

    byte[] encrypt(byte[] ad, byte[] plain) {
        byte[] out = new byte[plain.length + TAG_BYTES];
        encrypt(ad, plain, 0, plain.length, out, 0);
        return out;
    }

    byte[] decrypt(byte[] ad, byte[] ciphertext) {
        byte[] out = new byte[Math.max(0, ciphertext.length - TAG_BYTES)];
        decrypt(ad, ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    private void init(int mode, byte[] ad) throws GeneralSecurityException {
        if (n == -1L) { // 2^64-1 is reserved by the Noise spec
            throw new NoiseException("nonce space exhausted");
        }
        long v = n++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (v >>> (8 * i));
        }
        cipher.init(mode, key, new IvParameterSpec(nonce));
        if (ad != null && ad.length > 0) {
            cipher.updateAAD(ad);
        }
    }
}
