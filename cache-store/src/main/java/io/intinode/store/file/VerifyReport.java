package io.intinode.store.file;

import io.intinode.store.Digest;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of re-hashing every blob.
 *
 * @param checked blobs re-hashed
 * @param bytes bytes re-hashed
 * @param quarantined blobs whose content no longer matched, now moved aside
 * @param reconcile what reconciling index and files before hashing found
 */
public record VerifyReport(int checked, long bytes, List<Damaged> quarantined, ReconcileReport reconcile) {
    public VerifyReport {
        quarantined = List.copyOf(quarantined);
    }

    /** A blob whose bytes hash to {@code actual} instead of {@code digest}; it was moved to {@code movedTo}. */
    public record Damaged(Digest digest, Digest actual, Path movedTo) {}
}
