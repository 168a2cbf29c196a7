package io.intinode.store.file;

import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Digest;
import io.intinode.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Copies a stream into a new temp file and hashes exactly the bytes it writes. The caller's thread
 * reads and hashes; a {@link ChunkWriter} writes the same buffers behind it, so hashing and disk
 * writes overlap. Returns once the file is fsynced.
 */
final class BlobWriter {
    record Written(Digest digest, long size) {}

    private BlobWriter() {}

    /** @throws BlobMismatchException as soon as more than {@code maxBytes} arrive (when known) */
    static Written write(InputStream in, Path tmp, long maxBytes, StoreConfig config) throws IOException {
        MessageDigest sha = sha256();
        long total = 0;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ChunkWriter writer = new ChunkWriter(out, config.ingestChunkBytes(), config.ingestChunks(),
                    config.ingestSyncEveryBytes());
            boolean done = false;
            try {
                for (boolean eof = false; !eof; ) {
                    byte[] buf = writer.buffer();
                    int n = in.readNBytes(buf, 0, buf.length);
                    eof = n < buf.length; // readNBytes fills the buffer unless the stream ended
                    total += n;
                    if (maxBytes != Expected.UNKNOWN_SIZE && total > maxBytes) {
                        throw new BlobMismatchException("size", Long.toString(maxBytes), "more than " + maxBytes);
                    }
                    sha.update(buf, 0, n);
                    writer.submit(buf, n);
                }
                writer.finish();
                done = true;
            } finally {
                if (!done) {
                    writer.abort();
                }
            }
        }
        return new Written(Digest.of(sha.digest()), total);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
