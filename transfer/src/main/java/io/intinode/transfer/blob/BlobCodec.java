package io.intinode.transfer.blob;

import io.intinode.p2p.multiformats.MultiformatException;
import io.intinode.p2p.multiformats.Varint;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.transfer.blob.BlobMessage.Absent;
import io.intinode.transfer.blob.BlobMessage.Chunks;
import io.intinode.transfer.blob.BlobMessage.Data;
import io.intinode.transfer.blob.BlobMessage.GetChunks;
import io.intinode.transfer.blob.BlobMessage.GetRange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Frames of {@code /intinode/blob/1.0.0}: an unsigned varint body length, then the body: one type
 * byte and the message's fields (digests as 32 raw bytes, numbers as varints). A DATA frame is followed
 * by its raw bytes, outside the frame, so they are never copied into one.
 */
public final class BlobCodec {
    static final int GET_CHUNKS = 0x01;
    static final int GET_RANGE = 0x02;
    static final int CHUNKS = 0x81;
    static final int DATA = 0x82;
    static final int ABSENT = 0x83;

    private BlobCodec() {}

    /** The whole frame: length prefix and body. */
    public static byte[] encode(BlobMessage message) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        switch (message) {
            case GetChunks(Digest blob) -> {
                body.write(GET_CHUNKS);
                body.writeBytes(blob.bytes());
            }
            case GetRange(Digest blob, long offset, int length) -> {
                body.write(GET_RANGE);
                body.writeBytes(blob.bytes());
                Varint.write(offset, body);
                Varint.write(length, body);
            }
            case Chunks(ChunkList list) -> {
                if (list.chunks().size() > BlobProtocol.MAX_CHUNKS) {
                    throw new BlobProtocolException("a chunk list of " + list.chunks().size()
                            + " chunks is more than the protocol carries (" + BlobProtocol.MAX_CHUNKS + ")");
                }
                body.write(CHUNKS);
                body.writeBytes(list.blob().bytes());
                Varint.write(list.size(), body);
                Varint.write(list.chunkBytes(), body);
                list.chunks().forEach(d -> body.writeBytes(d.bytes()));
            }
            case Data(int length) -> {
                body.write(DATA);
                Varint.write(length, body);
            }
            case Absent() -> body.write(ABSENT);
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream(body.size() + Varint.MAX_BYTES);
        Varint.write(body.size(), frame);
        frame.writeBytes(body.toByteArray());
        return frame.toByteArray();
    }

    /**
     * Reads one frame; empty when the stream ends cleanly before it. Bodies longer than
     * {@code maxFrameBytes} are refused before anything is allocated for them.
     */
    public static Optional<BlobMessage> read(InputStream in, int maxFrameBytes) throws IOException {
        byte[] prefix = new byte[Varint.MAX_BYTES];
        int n = 0;
        do {
            int b = in.read();
            if (b < 0) {
                if (n == 0) {
                    return Optional.empty();
                }
                throw new BlobProtocolException("truncated frame length");
            }
            prefix[n++] = (byte) b;
        } while ((prefix[n - 1] & 0x80) != 0 && n < Varint.MAX_BYTES);
        long length = varint(prefix, 0).value();
        if (length > maxFrameBytes) {
            throw new BlobProtocolException("frame of " + length + " bytes is over the limit of " + maxFrameBytes);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new BlobProtocolException("truncated frame: " + body.length + " of " + length + " bytes");
        }
        return Optional.of(decode(body));
    }

    /** Decodes one frame body (without its length prefix). */
    public static BlobMessage decode(byte[] body) {
        if (body.length == 0) {
            throw new BlobProtocolException("empty frame");
        }
        Reader r = new Reader(body);
        BlobMessage message = switch (body[0] & 0xFF) {
            case GET_CHUNKS -> new GetChunks(r.digest());
            case GET_RANGE -> new GetRange(r.digest(), r.varint(), r.intVarint());
            case CHUNKS -> chunks(r);
            case DATA -> new Data(r.intVarint());
            case ABSENT -> new Absent();
            default -> throw new BlobProtocolException(String.format("unknown message type 0x%02x", body[0] & 0xFF));
        };
        if (r.pos != body.length) {
            throw new BlobProtocolException((body.length - r.pos) + " bytes after the message");
        }
        return message;
    }

    private static Chunks chunks(Reader r) {
        Digest blob = r.digest();
        long size = r.varint();
        int chunkBytes = r.intVarint();
        if (chunkBytes <= 0) {
            throw new BlobProtocolException("bad chunk size " + chunkBytes);
        }
        long count = (size + chunkBytes - 1) / chunkBytes;
        if (count > BlobProtocol.MAX_CHUNKS || r.remaining() != count * Digest.BYTES) {
            throw new BlobProtocolException("a blob of " + size + " bytes in chunks of " + chunkBytes
                    + " needs " + count + " digests, the frame holds " + r.remaining() + " bytes");
        }
        List<Digest> chunks = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            chunks.add(r.digest());
        }
        return new Chunks(new ChunkList(blob, size, chunkBytes, chunks));
    }

    private static Varint.Decoded varint(byte[] in, int offset) {
        try {
            return Varint.decode(in, offset);
        } catch (MultiformatException e) {
            throw new BlobProtocolException("bad varint: " + e.getMessage(), e);
        }
    }

    /** Reads fields from a body after its type byte, each read checked against the body's end. */
    private static final class Reader {
        private final byte[] body;
        private int pos = 1;

        Reader(byte[] body) {
            this.body = body;
        }

        int remaining() {
            return body.length - pos;
        }

        Digest digest() {
            if (remaining() < Digest.BYTES) {
                throw new BlobProtocolException("truncated digest");
            }
            pos += Digest.BYTES;
            return Digest.of(Arrays.copyOfRange(body, pos - Digest.BYTES, pos));
        }

        long varint() {
            Varint.Decoded d = BlobCodec.varint(body, pos);
            pos += d.length();
            return d.value();
        }

        int intVarint() {
            long v = varint();
            if (v > Integer.MAX_VALUE) {
                throw new BlobProtocolException("value too large: " + v);
            }
            return (int) v;
        }
    }
}
