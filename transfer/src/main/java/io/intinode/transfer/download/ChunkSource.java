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
}
