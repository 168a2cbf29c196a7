package io.intinode.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Encrypts outbound plaintext into Noise transport frames of at most 65535 bytes. Writes are queued until
 * flush and then sealed together, so a muxer header and its payload share one frame (and one tag) instead
 * of each costing a frame. A frame takes whole writes while they fit and splits only a write larger than
 * a frame, so a muxer frame that fits in one Noise frame arrives in one (the far side's muxer decoder then
 * slices it instead of copying it together). Each frame's plaintext is copied once, into the frame's own
 * heap buffer, and encrypted there in place.
 */
final class NoiseFrameEncoder extends ChannelOutboundHandlerAdapter {
    static final int MAX_FRAME_BYTES = 65535;
    static final int MAX_PLAINTEXT_BYTES = MAX_FRAME_BYTES - CipherState.TAG_BYTES;

    private record Pending(ByteBuf data, ChannelPromise promise) {}

    private final CipherState cipher;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    NoiseFrameEncoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            pending.add(new Pending(buf, promise));
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        while (!pending.isEmpty()) {
            int n = nextFrameBytes();
            ByteBuf frame = ctx.alloc().heapBuffer(2 + n + CipherState.TAG_BYTES);
            List<ChannelPromise> finished = new ArrayList<>(2);
            try {
                frame.writeShort(n + CipherState.TAG_BYTES);
                take(frame, n, finished);
                int at = frame.arrayOffset() + 2;
                cipher.encrypt(null, frame.array(), at, n, frame.array(), at);
                frame.writerIndex(2 + n + CipherState.TAG_BYTES);
            } catch (RuntimeException e) {
                frame.release();
                finished.forEach(p -> p.tryFailure(e));
                throw e;
            }
            ctx.write(frame, promiseFor(ctx, finished));
        }
        ctx.flush();
    }

    /** The plaintext bytes of the next frame: whole writes while they fit, else a frame's worth of the first. */
    private int nextFrameBytes() {
        int n = 0;
        for (Pending p : pending) {
            int r = p.data().readableBytes();
            if (n + r > MAX_PLAINTEXT_BYTES) {
                return n == 0 ? MAX_PLAINTEXT_BYTES : n;
            }
            n += r;
        }
        return n;
    }

    /** Moves {@code n} bytes of the queue into {@code frame}; writes fully taken (empty ones too) are done. */
    private void take(ByteBuf frame, int n, List<ChannelPromise> finished) {
        int left = n;
        while (!pending.isEmpty() && (left > 0 || !pending.peek().data().isReadable())) {
            Pending p = pending.peek();
            int k = Math.min(left, p.data().readableBytes());
            // Into the array: frame.writeBytes(composite) would first merge the composite into a new buffer.
            p.data().readBytes(frame.array(), frame.arrayOffset() + frame.writerIndex(), k);
            frame.writerIndex(frame.writerIndex() + k);
            left -= k;
            if (!p.data().isReadable()) {
                pending.poll().data().release();
                finished.add(p.promise());
            }
        }
    }

    /** One promise for the frame that completes those of the writes it finished (none: nobody waits). */
    private static ChannelPromise promiseFor(ChannelHandlerContext ctx, List<ChannelPromise> finished) {
        if (finished.size() == 1) {
            return finished.getFirst();
        }
        ChannelPromise frameDone = ctx.newPromise();
        if (!finished.isEmpty()) {
            frameDone.addListener(f -> finished.forEach(p -> {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }));
        }
        return frameDone;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failPending();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        failPending();
        ctx.close(promise);
    }

    private void failPending() {
        ClosedChannelException closed = new ClosedChannelException();
        for (Pending p = pending.poll(); p != null; p = pending.poll()) {
            p.data().release();
            p.promise().tryFailure(closed);
        }
    }
}
