package io.intinode.store;

import java.util.List;

/**
 * The SHA-256 of each fixed-size chunk of a blob (the last one may be shorter). Computed once at ingest
 * and kept beside the blob, so a downloader can verify every chunk from any peer as it arrives.
 */
public record ChunkList(Digest blob, long size, int chunkBytes, List<Digest> chunks) {
    public static final int DEFAULT_CHUNK_BYTES = 1 << 20;

    public ChunkList {
        chunks = List.copyOf(chunks);
        if (size < 0 || chunkBytes <= 0) {
            throw new IllegalArgumentException("bad chunk list: size " + size + ", chunk " + chunkBytes);
        }
        if (chunks.size() != chunkCount(size, chunkBytes)) {
            throw new IllegalArgumentException("a blob of " + size + " bytes has " + chunkCount(size, chunkBytes)
                    + " chunks of " + chunkBytes + ", not " + chunks.size());
        }
    }

    public static int chunkCount(long size, int chunkBytes) {
        return Math.toIntExact((size + chunkBytes - 1) / chunkBytes);
    }

    /** Byte offset of chunk {@code index}. */
    public long offset(int index) {
        return (long) index * chunkBytes;
    }

    /** Length of chunk {@code index} (the last one may be shorter). */
    public int length(int index) {
        return (int) Math.min(chunkBytes, size - offset(index));
    }
}
