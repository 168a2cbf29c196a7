package io.intinode.transfer.resolve;

import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import java.util.List;
import java.util.Objects;

/**
 * What to resolve: a digest, its size if known, and webseed URLs to fall back on.
 *
 * @param size the size in bytes, or {@link BlobStore.Expected#UNKNOWN_SIZE}
 */
public record ResolveRequest(Digest digest, long size, List<String> urls) {
    public ResolveRequest {
        Objects.requireNonNull(digest, "digest");
        urls = List.copyOf(urls);
    }
}
