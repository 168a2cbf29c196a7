package io.intinode.store;

/**
 * Settings of the blob store.
 *
 * @param quotaBytes the most bytes of committed blobs to keep; above it, unpinned blobs are evicted
 *     (by the eviction policy, never by the store itself)
 * @param ingestChunkBytes size of each buffer that carries bytes from the hasher to the writer
 * @param ingestChunks how many such buffers one ingest may fill ahead of the writer
 * @param ingestSyncEveryBytes the writer flushes the temp file to disk every this many bytes, so the
 *     final fsync has little left to do
 */
public record StoreConfig(long quotaBytes, int ingestChunkBytes, int ingestChunks, long ingestSyncEveryBytes) {
    public static final long DEFAULT_QUOTA_BYTES = 10L << 30;
    public static final StoreConfig DEFAULTS = new StoreConfig(DEFAULT_QUOTA_BYTES, 1 << 20, 16, 8L << 20);

    public StoreConfig {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes must be >= 0: " + quotaBytes);
        }
        if (ingestChunkBytes < 4096 || ingestChunks < 1 || ingestSyncEveryBytes < ingestChunkBytes) {
            throw new IllegalArgumentException("bad ingest buffer settings: " + ingestChunkBytes + " x "
                    + ingestChunks + ", sync every " + ingestSyncEveryBytes);
        }
    }

    public static StoreConfig withQuota(long quotaBytes) {
        return DEFAULTS.quota(quotaBytes);
    }

    public StoreConfig quota(long bytes) {
        return new StoreConfig(bytes, ingestChunkBytes, ingestChunks, ingestSyncEveryBytes);
    }
}
