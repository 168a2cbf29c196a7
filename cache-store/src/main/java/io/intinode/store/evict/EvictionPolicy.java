package io.intinode.store.evict;

import io.intinode.store.BlobInfo;
import java.util.Collection;
import java.util.List;

/**
 * Decides which blobs to give up first when the store is over its quota. A pure decision: it never
 * touches files, and it may be asked again with the same input and must give the same answer.
 */
public interface EvictionPolicy {
    /** The blobs that may be evicted (never pinned ones), least valuable first. */
    List<BlobInfo> rank(Collection<BlobInfo> blobs);
}
