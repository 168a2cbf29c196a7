package io.intinode.node.api;

import io.intinode.store.BlobInfo;
import io.intinode.store.evict.LeastRecentlyUsedPolicy;
import io.intinode.store.evict.QuotaCleaner;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.VerifyReport;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The {@code cache} commands' work on a store, as the API's records: the node runs it on the store it holds,
 * the CLI on a store it opened itself when no node runs, so both answer the same.
 */
public final class CacheMaintenance {
    private CacheMaintenance() {}

    public static NodeApi.CacheListing listing(FileBlobStore store) {
        try (Stream<BlobInfo> all = store.list()) {
            return new NodeApi.CacheListing(store.usedBytes(), store.config().quotaBytes(),
                    all.map(NodeApi.CacheEntry::of).toList());
        }
    }

    public static NodeApi.GcReport gc(FileBlobStore store, long quotaBytes) {
        QuotaCleaner.Report r = new QuotaCleaner(store, new LeastRecentlyUsedPolicy(), quotaBytes).cleanUp();
        return new NodeApi.GcReport(r.removed(), r.freedBytes(), r.usedBytes(), quotaBytes);
    }

    /** @param progress gets the bytes hashed as they pass */
    public static NodeApi.VerifyResult verify(FileBlobStore store, LongConsumer progress) {
        VerifyReport report = store.verify(progress);
        return new NodeApi.VerifyResult(report.checked(), report.bytes(), report.quarantined().stream()
                .map(d -> new NodeApi.Damaged(d.digest().toString(), d.actual().toString(), d.movedTo().toString()))
                .toList());
    }
}
