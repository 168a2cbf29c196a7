package io.intinode.p2p.multiformats;

/**
 * The two multibase encodings intinode speaks: base32 lowercase without padding (prefix {@code b}) and
 * base58btc (prefix {@code z}, also used bare for peer ids).
 */
public final class Multibase {
    public static final char BASE32 = 'b';
    public static final char BASE58BTC = 'z';
    /** Multibase strings we accept are small (CIDs, peer ids); longer input is refused before decoding. */
    public static final int MAX_TEXT_CHARS = 1024;

    private static final String B32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] B32_INDEX = index(B32);
    private static final int[] B58_INDEX = index(B58);

    private Multibase() {}

    public static String encode(char base, byte[] data) {
        return switch (base) {
            case BASE32 -> BASE32 + base32(data);
            case BASE58BTC -> BASE58BTC + base58(data);
            default -> throw new MultiformatException("unsupported multibase prefix '" + base + "'");
        };
    }

    /** Decodes a prefixed multibase string. */
    public static byte[] decode(String text) {
        if (text == null || text.isEmpty()) {
            throw new MultiformatException("empty multibase string");
        }
        String body = text.substring(1);
        return switch (text.charAt(0)) {
            case BASE32 -> fromBase32(body);
            case BASE58BTC -> fromBase58(body);
            default -> throw new MultiformatException("unsupported multibase prefix '" + text.charAt(0) + "'");
        };
    }

    public static String base32(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(B32.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(B32.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    public static byte[] fromBase32(String text) {
        checkLength(text);
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = digit(B32_INDEX, text.charAt(i), "base32");
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        // Leftover bits must be padding zeros and fewer than 5, else the text was not produced by an encoder.
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
            throw new MultiformatException("invalid base32 length or trailing bits");
        }
        return out;
    }

    public static String base58(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        byte[] digits = new byte[data.length * 138 / 100 + 1];
        int len = 0;
        for (int i = zeros; i < data.length; i++) {
            int carry = data[i] & 0xFF;
            for (int j = 0; j < len; j++) {
                carry += (digits[j] & 0xFF) << 8;
                digits[j] = (byte) (carry % 58);
                carry /= 58;
            }
            while (carry > 0) {
                digits[len++] = (byte) (carry % 58);
                carry /= 58;
            }
        }
        StringBuilder sb = new StringBuilder(zeros + len);
        sb.repeat('1', zeros);
        for (int j = len - 1; j >= 0; j--) {
            sb.append(B58.charAt(digits[j]));
        }
        return sb.toString();
    }

    public static byte[] fromBase58(String text) {
        checkLength(text);
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] bytes = new byte[text.length()];
        int len = 0;
        for (int i = zeros; i < text.length(); i++) {
            int carry = digit(B58_INDEX, text.charAt(i), "base58btc");
            for (int j = 0; j < len; j++) {
                carry += (bytes[j] & 0xFF) * 58;
                bytes[j] = (byte) carry;
                carry >>>= 8;
            }
            while (carry > 0) {
                bytes[len++] = (byte) carry;
                carry >>>= 8;
            }
        }
        byte[] out = new byte[zeros + len];
        for (int j = 0; j < len; j++) {
            out[zeros + j] = bytes[len - 1 - j];
        }
        return out;
    }

    private static void checkLength(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new MultiformatException("multibase text longer than " + MAX_TEXT_CHARS + " characters");
        }
    }

    private static int digit(int[] index, char c, String base) {
        int v = c < 128 ? index[c] : -1;
        if (v < 0) {
            throw new MultiformatException("invalid " + base + " character '" + c + "'");
        }
        return v;
    }

    private static int[] index(String alphabet) {
        int[] index = new int[128];
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < alphabet.length(); i++) {
            index[alphabet.charAt(i)] = i;
        }
        return index;
    }
}
