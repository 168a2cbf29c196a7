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
        Origin origin) {

    /** A fresh entry for a blob committed at {@code now}: not yet read, not pinned, not shared. */
    public static BlobInfo added(Digest digest, long size, Instant now, Origin origin) {
        return new BlobInfo(digest, size, now, now, 0, false, false, origin);
    }

    /** This entry after one more read at {@code now}. */
    public BlobInfo touched(Instant now) {
        return new BlobInfo(digest, size, added, now, accessCount + 1, pinned, shareable, origin);
    }

    public BlobInfo withPinned(boolean value) {
        return new BlobInfo(digest, size, added, lastAccess, accessCount, value, shareable, origin);
    }

    public BlobInfo withShareable(boolean value) {
        return new BlobInfo(digest, size, added, lastAccess, accessCount, pinned, value, origin);
    }
}
