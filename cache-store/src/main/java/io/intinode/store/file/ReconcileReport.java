package io.intinode.store.file;

/**
 * What reconciling the index with the blob files found and did.
 *
 * @param blobs blobs in the store afterwards
 * @param bytes their total size
 */
public record ReconcileReport(
        long blobs, long bytes, int entriesAdded, int entriesDropped, int quarantined, int tempFilesRemoved) {}
