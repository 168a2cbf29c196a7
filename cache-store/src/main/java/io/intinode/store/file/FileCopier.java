package io.intinode.store.file;

import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Digest;
import io.intinode.store.StoreConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;

/**
 * Copies a local file into a new temp file and hashes the temp file, not the source: what gets
 * committed is exactly what was hashed, even if the source changes meanwhile. The kernel copies
 * ({@code copy_file_range}) on a second thread, flushing to disk as it goes, while the caller hashes
 * the part already copied (whole blob and chunk list from the same read), so a file is ingested at nearly the speed of hashing it.
 * A file moved into the temp file instead ({@link #hashMoved}) is hashed while the second thread flushes it.
 */
final class FileCopier {
    private static final long END = -1;

    private FileCopier() {}

    static BlobWriter.Written copy(Path source, Path tmp, long maxBytes, StoreConfig config, LongConsumer progress)
            throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileChannel copied = FileChannel.open(tmp, StandardOpenOption.READ)) {
            Copy copy = new Copy(in, out, maxBytes, config);
            Thread thread = Thread.ofVirtual().name("blob-copier").start(copy);
            try {
                return hashAsCopied(copied, copy, config, progress);
            } finally {
                copy.stop = true;
                join(thread);
            }
        }
    }

    /**
     * Hashes a file already in place as the temp file (renamed there by the caller) while a second thread
     * fsyncs it: the file is neither copied nor written again, and the flush overlaps the hashing.
     */
    static BlobWriter.Written hashMoved(Path tmp, long maxBytes, StoreConfig config) throws IOException {
        try (FileChannel file = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = file.size();
            if (maxBytes != Expected.UNKNOWN_SIZE && size > maxBytes) {
                throw new BlobMismatchException("size", Long.toString(maxBytes), Long.toString(size));
            }
            Copy sync = Copy.inPlace(file, size, config);
            Thread thread = Thread.ofVirtual().name("blob-sync").start(sync);
            try {
                return hashAsCopied(file, sync, config, bytes -> {});
            } finally {
                sync.stop = true;
                join(thread);
            }
        }
    }

    /**
     * For a file moved into place that the caller has already read back and hashed whole ({@code digest})
     * and chunk by chunk ({@code chunks}): only fsyncs it, so the commit does not read it a third time.
     */
    static BlobWriter.Written syncMoved(Path tmp, long maxBytes, Digest digest, List<Digest> chunks)
            throws IOException {
        try (FileChannel file = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = file.size();
            if (maxBytes != Expected.UNKNOWN_SIZE && size > maxBytes) {
                throw new BlobMismatchException("size", Long.toString(maxBytes), Long.toString(size));
            }
            file.force(true);
            return new BlobWriter.Written(digest, size, chunks);
        }
    }

    private static BlobWriter.Written hashAsCopied(FileChannel copied, Copy copy, StoreConfig config, LongConsumer progress)
            throws IOException {
        MessageDigest sha = Sha256.newDigest();
        ChunkHasher chunks = new ChunkHasher(ChunkListFile.CHUNK_BYTES);
        // The chunk list is hashed on a second thread from the same buffers, so it adds no time here.
        ChunkWriter chunkHashing = new ChunkWriter(config.ingestChunkBytes(), config.ingestChunks(),
                ChunkWriter.toHasher(chunks));
        long hashed = 0;
        boolean done = false;
        try {
            for (long upTo = take(copy.progress); upTo != END; upTo = take(copy.progress)) {
                while (hashed < upTo) {
                    byte[] buf = chunkHashing.buffer();
                    int n = copied.read(ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, upTo - hashed)), hashed);
                    if (n < 0) {
                        throw new IOException("temp file shorter than copied: " + hashed + " < " + upTo);
                    }
                    sha.update(buf, 0, n);
                    chunkHashing.submit(buf, n);
                    hashed += n;
                    progress.accept(n);
                }
            }
            copy.throwIfFailed();
            chunkHashing.finish();
            done = true;
        } finally {
            if (!done) {
                chunkHashing.abort();
            }
        }
        return new BlobWriter.Written(Digest.of(sha.digest()), hashed, chunks.finish());
    }

    /**
     * The copying thread: reports how far it got after each chunk, then END (also on failure). Without a
     * source ({@code in == null}) the file is in place: it reports all of it at once and only fsyncs.
     */
    private static final class Copy implements Runnable {
        final BlockingQueue<Long> progress = new LinkedBlockingQueue<>();
        private final FileChannel in;
        private final FileChannel out;
        private final long maxBytes;
        private final long chunk;
        private final long syncEvery;
        volatile boolean stop;
        private volatile Exception failure;

        /** For a file already in place: its whole {@code size} is reported at once, then it is fsynced. */
        static Copy inPlace(FileChannel file, long size, StoreConfig config) {
            return new Copy(null, file, size, config);
        }

        Copy(FileChannel in, FileChannel out, long maxBytes, StoreConfig config) {
            this.in = in;
            this.out = out;
            this.maxBytes = maxBytes;
            // As much per step as the stream path may have in flight; the hasher follows step by step.
            this.chunk = (long) config.ingestChunkBytes() * config.ingestChunks();
            this.syncEvery = config.ingestSyncEveryBytes();
        }

        @Override
        public void run() {
            try {
                if (in == null) {
                    progress.add(maxBytes); // in place, maxBytes is the file's size
                    out.force(true);
                    return;
                }
                long pos = 0;
                long unsynced = 0;
                for (long n = in.transferTo(pos, chunk, out); n > 0 && !stop; n = in.transferTo(pos, chunk, out)) {
                    pos += n;
                    unsynced += n;
                    if (maxBytes != Expected.UNKNOWN_SIZE && pos > maxBytes) {
                        throw new BlobMismatchException("size", Long.toString(maxBytes), "more than " + maxBytes);
                    }
                    if (unsynced >= syncEvery) {
                        out.force(false);
                        unsynced = 0;
                    }
                    progress.add(pos);
                }
                out.force(true);
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                progress.add(END);
            }
        }

        void throwIfFailed() throws IOException {
            switch (failure) {
                case null -> {}
                case IOException e -> throw new IOException(e.getMessage(), e);
                case RuntimeException e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }

    private static long take(BlockingQueue<Long> q) throws InterruptedIOException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying a blob");
        }
    }

    private static void join(Thread t) throws InterruptedIOException {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying a blob");
        }
    }
}
