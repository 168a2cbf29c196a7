package io.intinode.node.privacy.canon;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A manifest publisher's Ed25519 public key; text form {@code ed25519:<base64 of the 32 raw bytes>}.
 * Private keys are PKCS#8 PEM files, as {@code openssl genpkey -algorithm ed25519} writes them.
 */
public record PublisherKey(byte[] raw) {
    public static final String PREFIX = "ed25519:";
    public static final int BYTES = 32;
    /** The X.509 SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410); the raw key follows. */
    private static final byte[] X509_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    public PublisherKey {
        if (raw.length != BYTES) {
            throw new ManifestException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        raw = raw.clone();
    }

    public static PublisherKey parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new ManifestException("publisher key must start with '" + PREFIX + "': " + text);
        }
        try {
            return new PublisherKey(Base64.getDecoder().decode(text.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new ManifestException("publisher key is not base64: " + text, e);
        }
    }

    /** The public key of an Ed25519 private key. */
    public static PublisherKey of(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new ManifestException("not an Ed25519 private key: " + key.getAlgorithm());
        }
        byte[] seed = ed.getBytes().get();
        return new PublisherKey(new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
    }

    public PublicKey toPublicKey() {
        byte[] der = Arrays.copyOf(X509_HEADER, X509_HEADER.length + BYTES);
        System.arraycopy(raw, 0, der, X509_HEADER.length, BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new ManifestException("unusable Ed25519 public key", e);
        }
    }

    /** Reads a PKCS#8 PEM Ed25519 private key. */
    public static PrivateKey readPrivateKey(String pem) {
        int begin = pem.indexOf(PEM_BEGIN);
        int end = pem.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new ManifestException("not a PEM private key (expected " + PEM_BEGIN + ")");
        }
        String body = pem.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ManifestException("not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    public static String writePrivateKey(PrivateKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return PEM_BEGIN + "\n" + b64 + "\n" + PEM_END + "\n";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublisherKey k && Arrays.equals(k.raw, raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().encodeToString(raw);
    }
}
