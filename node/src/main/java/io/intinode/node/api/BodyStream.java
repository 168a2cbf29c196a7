package io.intinode.node.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP body as an {@link InputStream} for one blocking reader (a virtual thread), fed from the channel's
 * event loop, so that neither side holds a whole blob in memory. Backpressure: once more than {@link #HIGH_WATER}
 * bytes wait, the channel stops reading from its socket until the reader has taken them below
 * {@link #LOW_WATER}. A reader that waits longer than {@code idle} for the next bytes fails, so a stalled peer
 * cannot hold it forever. Closing the stream before its end closes the channel (the one request is abandoned).
 */
final class BodyStream extends InputStream {
    static final int HIGH_WATER = 1 << 20;
    static final int LOW_WATER = 256 << 10;
    private static final Object END = new Object();

    private final Channel channel;
    private final Duration idle;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(); // byte[], END or a Throwable
    private final AtomicLong queued = new AtomicLong();
    private byte[] current = new byte[0];
    private int position;
    private Throwable failure;
    private boolean ended;

    BodyStream(Channel channel, Duration idle) {
        this.channel = channel;
        this.idle = idle;
    }

    /** Event loop: queues a copy of the readable bytes (the caller keeps and releases the buffer). */
    void append(ByteBuf content) {
        if (!content.isReadable()) {
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        queue.add(bytes);
        if (queued.addAndGet(bytes.length) > HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
    }

    /** The body is complete. */
    void finish() {
        queue.add(END);
    }

    /** The body cannot be completed; the reader gets an IOException once it has read what came before. */
    void fail(Throwable cause) {
        queue.add(cause);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, into, offset, n);
        position += n;
        return n;
    }

    /** Makes bytes available in {@code current}; false at the end of the body. */
    private boolean fill() throws IOException {
        while (position == current.length) {
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = queue.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading an HTTP body");
            }
            switch (next) {
                case null -> {
                    failure = new IOException("no data for " + idle);
                    channel.close();
                }
                case byte[] bytes -> {
                    current = bytes;
                    position = 0;
                    if (queued.addAndGet(-bytes.length) < LOW_WATER && !channel.config().isAutoRead()) {
                        channel.config().setAutoRead(true);
                    }
                }
                case Throwable t -> failure = t;
                default -> ended = true;
            }
        }
        return true;
    }

    /** Whether the reader has seen the end of the body. */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        if (!ended) {
            channel.close();
        }
    }
}
