package io.intinode.node.api;

import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.evict.LeastRecentlyUsedPolicy;
import io.intinode.store.evict.QuotaCleaner;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.VerifyReport;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The {@code cache} commands' work on a store, as the API's records: the node runs it on the store it holds,
 * the CLI on a store it opened itself when no node runs, so both answer the same.
 */
public record CacheMaintenance(FileBlobStore store) {

    /** Every cached blob, with the bytes used and the quota. */
    public NodeApi.CacheListing listing() {
        try (Stream<BlobInfo> all = store.list()) {
            return new NodeApi.CacheListing(store.usedBytes(), store.config().quotaBytes(),
                    all.map(NodeApi.CacheEntry::of).toList());
        }
    }

    /**
     * Pins (never evicted) or unpins a cached blob.
     *
     * @throws io.intinode.store.BlobNotFoundException when it is not in the cache
     */
    public void pin(Digest digest, boolean pinned) {
        store.setPinned(digest, pinned);
    }

    /**
     * Records reads made outside the node (a mount reading committed files) for eviction order.
     *
     * @return how many of the blobs are in the cache (the others were evicted meanwhile, or never there)
     */
    public int touch(List<Digest> digests) {
        return (int) digests.stream().filter(store::touch).count();
    }

    /** Evicts least recently used, unpinned blobs until the cache fits {@code quotaBytes}, else the store's quota. */
    public NodeApi.GcReport gc(OptionalLong quotaBytes) {
        long quota = quotaBytes.orElse(store.config().quotaBytes());
        QuotaCleaner.Report r = new QuotaCleaner(store, new LeastRecentlyUsedPolicy(), quota).cleanUp();
        return new NodeApi.GcReport(r.removed(), r.freedBytes(), r.usedBytes(), quota);
    }

    /**
     * Re-hashes every cached blob; damaged ones are moved to quarantine and dropped from the cache.
     *
     * @param progress gets the bytes hashed as they pass
     */
    public NodeApi.VerifyResult verify(LongConsumer progress) {
        VerifyReport report = store.verify(progress);
        return new NodeApi.VerifyResult(report.checked(), report.bytes(), report.quarantined().stream()
                .map(d -> new NodeApi.Damaged(d.digest().toString(), d.actual().toString(), d.movedTo().toString()))
                .toList());
    }
}
