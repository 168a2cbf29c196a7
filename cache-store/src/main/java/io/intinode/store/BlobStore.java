package io.intinode.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The per-host content-addressed store of whole blobs. It stores, verifies and reads; it never
 * decides on its own what to evict (that is the quota policy's job).
 *
 * <p>Nothing unverified is ever visible: a blob appears only after its size and SHA-256 were checked
 * against the expected values (when given) and it was fsynced and atomically renamed into place.
 */
public interface BlobStore extends AutoCloseable {

    boolean has(Digest digest);

    Optional<BlobInfo> info(Digest digest);

    /**
     * Ingests a stream. With an expected digest and/or size, a mismatch leaves nothing behind and
     * throws {@link BlobMismatchException}. Ingesting a blob already present is a cheap no-op when the
     * digest is known up front (the stream is then not read). Concurrent ingests of the same expected
     * digest do the work once. The stream is read but not closed.
     */
    BlobInfo ingest(InputStream in, Expected expected, Origin origin);

    /** Ingests a file's bytes (the file is copied, never moved). */
    BlobInfo ingest(Path file, Expected expected, Origin origin);

    /**
     * Ingests a file by taking it over, for a caller whose file it is to give (a finished download): it is
     * moved into the store (renamed when on the store's file system, else copied), then hashed, fsynced and
     * committed like any ingest, without writing its bytes a second time. The caller must no longer write
     * to it. Afterwards the file is gone, whatever the outcome.
     */
    BlobInfo ingestByMove(Path file, Expected expected, Origin origin);

    /**
     * {@link #ingestByMove(Path, Expected, Origin)} of a finished download whose writer verified every chunk
     * against {@code verified} and then read the whole file back in order and hashed it to {@code hashed}:
     * the store keeps that chunk list and, if {@code hashed} is {@code verified.blob()} and the size matches,
     * commits the file after an fsync, without reading it again. A file the store has to copy (another file
     * system) is hashed anew.
     */
    BlobInfo ingestByMove(Path file, ChunkList verified, Digest hashed, Origin origin);

    /**
     * Opens a committed blob for reading and records the access. The blob is never deleted while the
     * handle is open.
     */
    Optional<BlobHandle> open(Digest digest);

    /**
     * The blob's chunk list (SHA-256 of each {@link ChunkList#DEFAULT_CHUNK_BYTES} chunk), computed at
     * ingest; empty when the blob is not in the store.
     */
    Optional<ChunkList> chunkList(Digest digest);

    /** All blobs in the index, in digest order. The stream must be closed, and before the store is. */
    Stream<BlobInfo> list();

    /**
     * Records an access made outside the store, as {@link #open} records its own: a reader of the committed file
     * in another process (a mount beside the node) counts for eviction order too.
     *
     * @return false when the blob is not in the store
     */
    boolean touch(Digest digest);

    /** Removes a blob unless it is pinned or open; returns whether it was removed. */
    boolean remove(Digest digest);

    /**
     * Pins or unpins a blob (pinned blobs are never evicted).
     *
     * @throws BlobNotFoundException if the blob is not in the store
     */
    void setPinned(Digest digest, boolean pinned);

    /**
     * Marks whether peers may be told this host has the blob and fetch it. New blobs are not shareable
     * until someone decides so.
     *
     * @throws BlobNotFoundException if the blob is not in the store
     */
    void setShareable(Digest digest, boolean shareable);

    /** Adds a listener called after each commit, removal and quarantine (outside the store's locks). */
    void addListener(StoreListener listener);

    /** Bytes of committed blobs held by this store. */
    long usedBytes();

    @Override
    void close();

    /** What the caller knows about the content before ingest; either part may be absent. */
    record Expected(Digest digest, long size) {
        public static final long UNKNOWN_SIZE = -1;
        public static final Expected NOTHING = new Expected(null, UNKNOWN_SIZE);

        public Expected {
            if (size < 0 && size != UNKNOWN_SIZE) {
                throw new IllegalArgumentException("expected size must be >= 0 (or unknown): " + size);
            }
        }

        public static Expected of(Digest digest, long size) {
            return new Expected(digest, size);
        }
    }
}
