package io.intinode.store;

/** Observes a store's changes, e.g. to apply a quota after each ingest. Called outside the store's locks. */
public interface StoreListener {
    /** A new blob became visible. */
    default void committed(BlobInfo info) {}

    /** A blob was removed (evicted or deleted on request). */
    default void removed(BlobInfo info) {}

    /** A blob's content no longer matched its digest and was moved aside. */
    default void quarantined(Digest digest, java.nio.file.Path movedTo) {}
}
