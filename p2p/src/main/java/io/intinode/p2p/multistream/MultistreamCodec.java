package io.intinode.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * multistream-select 1.0 framing: uvarint length, UTF-8 text, {@code '\n'} (counted in the length).
 */
public final class MultistreamCodec {
    public static final String HEADER = "/multistream/1.0.0";
    public static final String NA = "na";
    /** Protocol ids are short; the spec's implementations cap messages well below this. */
    public static final int MAX_MESSAGE_BYTES = 1024;

    private MultistreamCodec() {}

    public static ByteBuf encode(ByteBufAllocator alloc, String message) {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_MESSAGE_BYTES) {
            throw new MultistreamException("multistream message too long: " + text.length + " bytes");
        }
        ByteBuf out = alloc.buffer(2 + text.length);
        int n = text.length;
        while ((n & ~0x7F) != 0) {
            out.writeByte((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        out.writeByte(n);
        return out.writeBytes(text);
    }

    /** Reads one message from {@code in}, or returns null (consuming nothing) if it is not all there yet. */
    public static String decode(ByteBuf in) {
        int start = in.readerIndex();
        int length = 0;
        int i = 0;
        while (true) {
            if (!in.isReadable()) {
                in.readerIndex(start);
                return null;
            }
            int b = in.readUnsignedByte();
            length |= (b & 0x7F) << (7 * i++);
            if ((b & 0x80) == 0) {
                break;
            }
            if (i == 2) { // two varint bytes already exceed MAX_MESSAGE_BYTES
                throw new MultistreamException("multistream message length exceeds " + MAX_MESSAGE_BYTES);
            }
        }
        if (length > MAX_MESSAGE_BYTES) {
            throw new MultistreamException("multistream message of " + length + " bytes exceeds "
                    + MAX_MESSAGE_BYTES);
        }
        if (length == 0) {
            throw new MultistreamException("empty multistream message");
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return null;
        }
        if (in.getByte(in.readerIndex() + length - 1) != '\n') {
            throw new MultistreamException("multistream message does not end with a newline");
        }
        String text = in.toString(in.readerIndex(), length - 1, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return text;
    }
}
