package io.intinode.transfer.resolve;

import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import java.util.List;
import java.util.Objects;

/**
 * What to resolve: a digest, its size if known, webseed URLs to fall back on, and whether the blob may be
 * shared once held (false when its stub said {@code "share":false}).
 *
 * @param size the size in bytes, or {@link BlobStore.Expected#UNKNOWN_SIZE}
 */
public record ResolveRequest(Digest digest, long size, List<String> urls, boolean shareable) {
    public ResolveRequest {
        Objects.requireNonNull(digest, "digest");
        urls = List.copyOf(urls);
    }

    /** A request for a blob no stub said {@code "share":false} about. */
    public ResolveRequest(Digest digest, long size, List<String> urls) {
        this(digest, size, urls, true);
    }
}
