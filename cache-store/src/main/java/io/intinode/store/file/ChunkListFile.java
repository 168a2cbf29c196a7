package io.intinode.store.file;

import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A blob's chunk list on disk: the 32-byte SHA-256 of each chunk, back to back, nothing else (the blob's
 * size, from the index, and the fixed chunk size say how many there must be).
 */
final class ChunkListFile {
    static final String SUFFIX = ".chunks";
    static final int CHUNK_BYTES = ChunkList.DEFAULT_CHUNK_BYTES;

    private ChunkListFile() {}

    /** Writes and fsyncs a new file. */
    static void write(Path file, List<Digest> chunks) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(chunks.size() * Digest.BYTES);
        chunks.forEach(d -> buf.put(d.bytes()));
        buf.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** Reads a chunk list; throws {@link IOException} when the file's length does not fit the blob's size. */
    static ChunkList read(Path file, Digest blob, long size) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        int count = ChunkList.chunkCount(size, CHUNK_BYTES);
        if (raw.length != (long) count * Digest.BYTES) {
            throw new IOException(file + " holds " + raw.length + " bytes; a blob of " + size + " needs "
                    + (long) count * Digest.BYTES);
        }
        List<Digest> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chunks.add(Digest.of(Arrays.copyOfRange(raw, i * Digest.BYTES, (i + 1) * Digest.BYTES)));
        }
        return new ChunkList(blob, size, CHUNK_BYTES, chunks);
    }

    /** Hashes a committed blob's chunks anew (for a chunk list that is missing or damaged). */
    static List<Digest> compute(Path blob) throws IOException {
        ChunkHasher hasher = new ChunkHasher(CHUNK_BYTES);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES);
        try (FileChannel ch = FileChannel.open(blob, StandardOpenOption.READ)) {
            while (ch.read(buf.clear()) >= 0) {
                hasher.update(buf.flip());
            }
        }
        return hasher.finish();
    }
}
