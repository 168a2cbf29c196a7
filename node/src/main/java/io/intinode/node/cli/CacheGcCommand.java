package io.intinode.node.cli;

import io.intinode.store.evict.LeastRecentlyUsedPolicy;
import io.intinode.store.evict.QuotaCleaner;
import io.intinode.store.file.FileBlobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code intinode cache gc}. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Evict least recently used, unpinned blobs until the cache fits its quota (blobs open"
                + " for reading are never evicted).")
final class CacheGcCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Override
    public void run() {
        QuotaCleaner.Report report;
        try (FileBlobStore store = storeOptions.open()) {
            report = new QuotaCleaner(store, new LeastRecentlyUsedPolicy(), storeOptions.quotaBytes()).cleanUp();
        }
        storeOptions.out().println("evicted " + report.removed() + " blobs ("
                + ByteSizeConverter.format(report.freedBytes()) + "); cache holds "
                + ByteSizeConverter.format(report.usedBytes()) + " of " + ByteSizeConverter.format(storeOptions.quotaBytes()));
    }
}
