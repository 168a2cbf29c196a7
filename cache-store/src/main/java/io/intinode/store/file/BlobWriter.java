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
import java.util.List;

/**
 * Copies a stream into a new temp file and hashes exactly the bytes it writes. The caller's thread
 * reads and hashes the whole blob; a {@link ChunkWriter} hashes the chunk list and writes the same
 * buffers behind it, so the two hashes and the disk writes overlap. Returns once the file is fsynced.
 */
final class BlobWriter {
    /** What a temp file holds: its digest, size and chunk list (SHA-256 per {@link ChunkListFile#CHUNK_BYTES}). */
    record Written(Digest digest, long size, List<Digest> chunks) {}

    private BlobWriter() {}

    /** @throws BlobMismatchException as soon as more than {@code maxBytes} arrive (when known) */
    static Written write(InputStream in, Path tmp, long maxBytes, StoreConfig config) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        ChunkHasher chunks = new ChunkHasher(ChunkListFile.CHUNK_BYTES);
        long total = 0;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ChunkWriter writer = new ChunkWriter(config.ingestChunkBytes(), config.ingestChunks(),
                    ChunkWriter.toFile(out, config.ingestSyncEveryBytes(), chunks));
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
        return new Written(Digest.of(sha.digest()), total, chunks.finish());
    }
}
