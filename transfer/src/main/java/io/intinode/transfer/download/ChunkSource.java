package io.intinode.transfer.download;

import io.intinode.store.ChunkList;
import io.intinode.store.Digest;

/**
 * One provider of a blob as the downloader sees it; the blob protocol client implements it per peer.
 * Nothing it returns is trusted: the downloader verifies every chunk against the chunk list and the
 * whole blob against its digest.
 */
public interface ChunkSource {
    /** For logs and bans, e.g. the peer id. */
    String name();

    /** The blob's chunk list; throws {@link SourceException} when the source does not have it or fails. */
    ChunkList chunkList(Digest blob);

    /** Exactly {@code length} bytes at {@code offset}; throws {@link SourceException} on any failure. */
    byte[] read(Digest blob, long offset, int length);

    /**
     * Reads {@code length} bytes at {@code offset} into {@code into} (from index 0) and returns how many
     * bytes the source sent, which may differ from {@code length} (the caller checks); at most
     * {@code into.length} are stored. Lets the downloader reuse its chunk buffers; this default copies
     * {@link #read}'s answer, a source that can fill {@code into} directly overrides it.
     */
    default int read(Digest blob, long offset, int length, byte[] into) {
        byte[] bytes = read(blob, offset, length);
        System.arraycopy(bytes, 0, into, 0, Math.min(bytes.length, into.length));
        return bytes.length;
    }
}
