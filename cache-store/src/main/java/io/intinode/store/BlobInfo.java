package io.intinode.store;

import java.time.Instant;

/** The index entry of one committed blob. */
public record BlobInfo(
        Digest digest,
        long size,
        Instant added,
        Instant lastAccess,
        long accessCount,
        boolean pinned,
        boolean shareable,
        Origin origin) {}
