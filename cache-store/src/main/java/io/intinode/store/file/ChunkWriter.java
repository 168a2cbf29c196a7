package io.intinode.store.file;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands chunks to a {@link Sink} on its own thread, so that the caller hashing the next chunk overlaps
 * with the sink's work on this one (hashing the chunk list, writing to disk). Buffers come back through
 * {@link #buffer()} once consumed; at most {@code maxBuffers} ever exist.
 */
final class ChunkWriter {
    /** Consumes the chunks in order on the writer's thread; {@code finish} runs after the last one. */
    interface Sink {
        void accept(byte[] buf, int length) throws IOException;

        void finish() throws IOException;
    }

    /**
     * The stream path's sink: hashes the chunk list, writes, flushes every {@code syncEveryBytes} (so the
     * final fsync has little left to wait for), fsyncs at the end.
     */
    static Sink toFile(FileChannel out, long syncEveryBytes, ChunkHasher hasher) {
        return new Sink() {
            private long unsynced;

            @Override
            public void accept(byte[] buf, int length) throws IOException {
                hasher.update(buf, 0, length);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, length);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                unsynced += length;
                if (unsynced >= syncEveryBytes) {
                    out.force(false);
                    unsynced = 0;
                }
            }

            @Override
            public void finish() throws IOException {
                out.force(true);
            }
        };
    }

    /** The file path's sink: only hashes the chunk list (the kernel already copied the bytes). */
    static Sink toHasher(ChunkHasher hasher) {
        return new Sink() {
            @Override
            public void accept(byte[] buf, int length) {
                hasher.update(buf, 0, length);
            }

            @Override
            public void finish() {}
        };
    }

    private record Chunk(byte[] buf, int length) {}

    private static final Chunk END = new Chunk(null, 0);

    private final Sink sink;
    private final int chunkBytes;
    private final int maxBuffers;
    private final BlockingQueue<byte[]> free;
    // One slot more than there are buffers, so END can always be queued without blocking.
    private final BlockingQueue<Chunk> pending;
    private final Thread thread;
    private int allocated;
    private volatile boolean aborted;
    private volatile IOException failure;

    ChunkWriter(int chunkBytes, int maxBuffers, Sink sink) {
        this.sink = sink;
        this.chunkBytes = chunkBytes;
        this.maxBuffers = maxBuffers;
        this.free = new ArrayBlockingQueue<>(maxBuffers);
        this.pending = new ArrayBlockingQueue<>(maxBuffers + 1);
        this.thread = Thread.ofVirtual().name("blob-writer").start(this::run);
    }

    /** An empty buffer to fill: a recycled one, a new one while under the cap, else waits for one. */
    byte[] buffer() throws IOException {
        throwIfFailed();
        byte[] buf = free.poll();
        if (buf != null) {
            return buf;
        }
        if (allocated < maxBuffers) {
            allocated++;
            return new byte[chunkBytes];
        }
        try {
            buf = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a blob");
        }
        throwIfFailed();
        return buf;
    }

    void submit(byte[] buf, int length) {
        pending.add(new Chunk(buf, length));
    }

    /** Waits until the sink consumed everything and finished (so the caller may then read what it made). */
    void finish() throws IOException {
        pending.add(END);
        join();
        throwIfFailed();
    }

    /** Stops consuming (the temp file is about to be deleted) and waits for the thread to end. */
    void abort() throws InterruptedIOException {
        if (thread.isAlive()) {
            aborted = true;
            pending.offer(END);
            join();
        }
    }

    private void join() throws InterruptedIOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a blob");
        }
    }

    private void throwIfFailed() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void run() {
        try {
            for (Chunk c = pending.take(); c != END; c = pending.take()) {
                if (!aborted && failure == null) {
                    try {
                        sink.accept(c.buf(), c.length());
                    } catch (IOException e) {
                        failure = e; // reported to the producer; buffers keep coming back so it never waits forever
                    }
                }
                free.add(c.buf());
            }
            if (!aborted && failure == null) {
                sink.finish();
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("blob writer interrupted");
        }
    }
}
