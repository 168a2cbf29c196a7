package io.intinode.store;

import java.util.HexFormat;

/**
 * A SHA-256 content digest, the key of every blob. Text form {@code sha256:<64 lowercase hex>}.
 */
public record Digest(String hex) implements Comparable<Digest> {
    public static final String PREFIX = "sha256:";
    public static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    public Digest {
        if (hex == null || hex.length() != BYTES * 2 || !isLowerHex(hex)) {
            throw new IllegalArgumentException("not a SHA-256 digest (need 64 lowercase hex digits): " + hex);
        }
    }

    /** Parses {@code sha256:<64 lowercase hex>}; anything else is rejected with a message naming the input. */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("digest must start with '" + PREFIX + "': " + text);
        }
        return new Digest(text.substring(PREFIX.length()));
    }

    public static Digest of(byte[] raw) {
        if (raw.length != BYTES) {
            throw new IllegalArgumentException("SHA-256 digest must be 32 bytes, got " + raw.length);
        }
        return new Digest(HEX.formatHex(raw));
    }

    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public int compareTo(Digest o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
