package io.intinode.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decrypts Noise transport frames (2-byte big-endian length, ciphertext with tag) into plaintext. */
final class NoiseFrameDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(NoiseFrameDecoder.class);
    private final CipherState cipher;
    /**
     * Per event-loop thread, not per connection (a node with thousands of connections held 64 KiB each);
     * decode always runs on the channel's event loop and nothing else runs between filling and using it.
     */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[65535];
        }
    };

    NoiseFrameDecoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int length = in.getUnsignedShort(in.readerIndex());
            if (in.readableBytes() < 2 + length) {
                return;
            }
            if (length < CipherState.TAG_BYTES) {
                throw new NoiseException("Noise frame of " + length + " bytes is shorter than its tag");
            }
            int plainLength = length - CipherState.TAG_BYTES;
            byte[] ciphertext;
            int off;
            if (in.hasArray()) {
                ciphertext = in.array();
                off = in.arrayOffset() + in.readerIndex() + 2;
            } else {
                ciphertext = SCRATCH.get();
                in.getBytes(in.readerIndex() + 2, ciphertext, 0, length);
                off = 0;
            }
            ByteBuf plain = ctx.alloc().heapBuffer(plainLength);
            try {
                cipher.decrypt(null, ciphertext, off, length, plain.array(), plain.arrayOffset());
            } catch (RuntimeException e) {
                plain.release();
                throw e;
            }
            in.skipBytes(2 + length);
            if (plainLength == 0) {
                plain.release();
            } else {
                out.add(plain.writerIndex(plainLength));
            }
        }
    }

    /** A frame that fails to authenticate ends the connection: nothing after it can be trusted. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof NoiseException e) {
            log.info("closing {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
