package io.intinode.node.office;

import io.intinode.p2p.multiformats.MultiformatException;
import io.intinode.p2p.multiformats.Varint;
import io.intinode.store.Digest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one message of {@code /intinode/office/1.0.0}, the whole stream from the host:
 * {@code version (1 byte, 1) | flags (1 byte: bit 0 = a marker follows) | [marker, 32 bytes] |
 * uvarint count | count × 32-byte SHA-256 digests, strictly ascending}. Anything else is malformed:
 * other versions or flags, a short or long body, a count above {@link OfficeProtocol#MAX_SET}, digests out
 * of order or repeated (so that one set has one encoding).
 */
public final class OfficeCodec {
    private static final int MARKER_FLAG = 1;

    /** The largest valid answer: header, marker, count, and the largest set. */
    public static final int MAX_BYTES = 2 + Digest.BYTES + Varint.MAX_BYTES + OfficeProtocol.MAX_SET * Digest.BYTES;

    private OfficeCodec() {}

    public static byte[] encode(OfficeAnswer answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + answer.lanSet().size() * Digest.BYTES);
        out.write(OfficeProtocol.VERSION);
        out.write(answer.levelMarker().isPresent() ? MARKER_FLAG : 0);
        answer.levelMarker().ifPresent(m -> out.writeBytes(m.bytes()));
        Varint.write(answer.lanSet().size(), out);
        answer.lanSet().forEach(d -> out.writeBytes(d.bytes()));
        return out.toByteArray();
    }

    public static OfficeAnswer decode(byte[] in) {
        if (in.length > MAX_BYTES) {
            throw new OfficeProtocolException("office answer of " + in.length + " bytes, at most " + MAX_BYTES);
        }
        if (in.length < 3) {
            throw new OfficeProtocolException("truncated office answer: " + in.length + " bytes");
        }
        if (in[0] != OfficeProtocol.VERSION) {
            throw new OfficeProtocolException("unknown office answer version " + (in[0] & 0xFF));
        }
        if ((in[1] & ~MARKER_FLAG) != 0) {
            throw new OfficeProtocolException("unknown office answer flags " + (in[1] & 0xFF));
        }
        int at = 2;
        Optional<Digest> marker = Optional.empty();
        if (in[1] == MARKER_FLAG) {
            marker = Optional.of(digestAt(in, at));
            at += Digest.BYTES;
        }
        Varint.Decoded count;
        try {
            count = Varint.decodeInt(in, at);
        } catch (MultiformatException e) {
            throw new OfficeProtocolException("bad office set count: " + e.getMessage());
        }
        if (count.value() > OfficeProtocol.MAX_SET) {
            throw new OfficeProtocolException("office set of " + count.value() + " blobs, at most "
                    + OfficeProtocol.MAX_SET);
        }
        at += count.length();
        if (in.length - at != count.value() * Digest.BYTES) {
            throw new OfficeProtocolException("office answer says " + count.value() + " digests but has "
                    + (in.length - at) + " bytes for them");
        }
        TreeSet<Digest> set = new TreeSet<>();
        Digest last = null;
        for (; at < in.length; at += Digest.BYTES) {
            Digest d = digestAt(in, at);
            if (last != null && d.compareTo(last) <= 0) {
                throw new OfficeProtocolException("office set digests not strictly ascending at " + d);
            }
            set.add(d);
            last = d;
        }
        return new OfficeAnswer(marker, set);
    }

    private static Digest digestAt(byte[] in, int at) {
        if (in.length < at + Digest.BYTES) {
            throw new OfficeProtocolException("truncated office answer: digest at " + at + " of " + in.length);
        }
        return Digest.of(Arrays.copyOfRange(in, at, at + Digest.BYTES));
    }
}
