package io.intinode.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CoalescingBufferQueue;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.channels.ClosedChannelException;

/**
 * Encrypts outbound plaintext into Noise transport frames of at most 65535 bytes. Writes are queued until
 * flush and then sealed together, so a muxer header and its payload share one frame (and one tag) instead
 * of each costing a frame.
 */
final class NoiseFrameEncoder extends ChannelOutboundHandlerAdapter {
    static final int MAX_FRAME_BYTES = 65535;
    static final int MAX_PLAINTEXT_BYTES = MAX_FRAME_BYTES - CipherState.TAG_BYTES;

    private final CipherState cipher;
    /**
     * Per event-loop thread, not per connection (a node with thousands of connections held 128 KiB each);
     * flush always runs on the channel's event loop and both are refilled before each use.
     */
    private static final FastThreadLocal<byte[]> PLAIN = buffer(MAX_PLAINTEXT_BYTES);
    private static final FastThreadLocal<byte[]> SEALED = buffer(MAX_FRAME_BYTES);
    private CoalescingBufferQueue pending;

    NoiseFrameEncoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pending = new CoalescingBufferQueue(ctx.channel());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            pending.add(buf, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private static FastThreadLocal<byte[]> buffer(int size) {
        return new FastThreadLocal<>() {
            @Override
            protected byte[] initialValue() {
                return new byte[size];
            }
        };
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        byte[] plain = PLAIN.get();
        byte[] sealed = SEALED.get();
        while (!pending.isEmpty()) {
            ChannelPromise done = ctx.newPromise();
            ByteBuf chunk = pending.remove(MAX_PLAINTEXT_BYTES, done);
            int n = chunk.readableBytes();
            ByteBuf frame = ctx.alloc().ioBuffer(2 + n + CipherState.TAG_BYTES);
            try {
                chunk.readBytes(plain, 0, n);
                cipher.encrypt(null, plain, 0, n, sealed, 0);
            } catch (RuntimeException e) {
                frame.release();
                done.setFailure(e);
                throw e;
            } finally {
                chunk.release();
            }
            frame.writeShort(n + CipherState.TAG_BYTES).writeBytes(sealed, 0, n + CipherState.TAG_BYTES);
            ctx.write(frame, done);
        }
        ctx.flush();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pending.releaseAndFailAll(new ClosedChannelException());
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        pending.releaseAndFailAll(new ClosedChannelException());
        ctx.close(promise);
    }
}
