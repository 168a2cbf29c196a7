package io.intinode.store.file;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes chunks to a file on its own thread, so that hashing the next chunk overlaps with writing this
 * one; it feeds each chunk to a {@link ChunkHasher} first, so the chunk list costs the caller nothing. It flushes to disk every {@code syncEveryBytes} so the final fsync has little left to wait for.
 * Buffers come back through {@link #buffer()} once written; at most {@code maxBuffers} ever exist.
 */
final class ChunkWriter {
    private record Chunk(byte[] buf, int length) {}

    private static final Chunk END = new Chunk(null, 0);

    private final FileChannel out;
    private final int chunkBytes;
    private final int maxBuffers;
    private final long syncEveryBytes;
    private final ChunkHasher hasher;
    private final BlockingQueue<byte[]> free;
    // One slot more than there are buffers, so END can always be queued without blocking.
    private final BlockingQueue<Chunk> pending;
    private final Thread thread;
    private int allocated;
    private volatile boolean aborted;
    private volatile IOException failure;

    ChunkWriter(FileChannel out, int chunkBytes, int maxBuffers, long syncEveryBytes, ChunkHasher hasher) {
        this.out = out;
        this.hasher = hasher;
        this.chunkBytes = chunkBytes;
        this.maxBuffers = maxBuffers;
        this.syncEveryBytes = syncEveryBytes;
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

    /** Waits until everything is written, fsynced and fed to the hasher (which the caller may then finish). */
    void finish() throws IOException {
        pending.add(END);
        join();
        throwIfFailed();
    }

    /** Stops writing (the file is about to be deleted) and waits for the thread to end. */
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
        long unsynced = 0;
        try {
            for (Chunk c = pending.take(); c != END; c = pending.take()) {
                if (!aborted && failure == null) {
                    try {
                        hasher.update(c.buf(), 0, c.length());
                        unsynced += write(c);
                        if (unsynced >= syncEveryBytes) {
                            out.force(false);
                            unsynced = 0;
                        }
                    } catch (IOException e) {
                        failure = e; // reported to the producer; buffers keep coming back so it never waits forever
                    }
                }
                free.add(c.buf());
            }
            if (!aborted && failure == null) {
                out.force(true);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("blob writer interrupted");
        }
    }

    private int write(Chunk c) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(c.buf(), 0, c.length());
        while (b.hasRemaining()) {
            out.write(b);
        }
        return c.length();
    }
}
