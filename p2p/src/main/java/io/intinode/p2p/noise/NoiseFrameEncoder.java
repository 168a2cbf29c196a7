package io.intinode.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Encrypts outbound plaintext into Noise transport frames of at most 65535 bytes each. */
final class NoiseFrameEncoder extends MessageToByteEncoder<ByteBuf> {
    static final int MAX_FRAME_BYTES = 65535;
    static final int MAX_PLAINTEXT_BYTES = MAX_FRAME_BYTES - CipherState.TAG_BYTES;

    private final CipherState cipher;
    private final byte[] scratch = new byte[MAX_PLAINTEXT_BYTES];
    private final byte[] sealed = new byte[MAX_FRAME_BYTES];

    NoiseFrameEncoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ByteBuf msg, boolean preferDirect) {
        int frames = Math.max(1, (msg.readableBytes() + MAX_PLAINTEXT_BYTES - 1) / MAX_PLAINTEXT_BYTES);
        // A pooled direct buffer: a heap one would be copied into a fresh direct buffer by the socket write.
        return ctx.alloc().ioBuffer(msg.readableBytes() + frames * (2 + CipherState.TAG_BYTES));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) {
        while (msg.isReadable()) {
            int n = Math.min(msg.readableBytes(), MAX_PLAINTEXT_BYTES);
            int length = n + CipherState.TAG_BYTES;
            out.writeShort(length);
            byte[] in;
            int inOff;
            if (msg.hasArray()) {
                in = msg.array();
                inOff = msg.arrayOffset() + msg.readerIndex();
            } else {
                msg.getBytes(msg.readerIndex(), scratch, 0, n);
                in = scratch;
                inOff = 0;
            }
            cipher.encrypt(null, in, inOff, n, sealed, 0);
            out.writeBytes(sealed, 0, length);
            msg.skipBytes(n);
        }
    }
}
