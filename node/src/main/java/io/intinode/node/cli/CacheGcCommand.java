package io.intinode.node.cli;

import io.intinode.node.api.NodeApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code intinode cache gc}. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Evict least recently used, unpinned blobs until the cache fits its quota (blobs open"
                + " for reading are never evicted). Through a running node its quota applies unless --quota is given.")
final class CacheGcCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Mixin
    NodeOption node;

    @Override
    public void run() {
        NodeApi.GcReport report;
        try (CacheAccess access = CacheAccess.open(storeOptions, node.mode)) {
            report = access.gc(storeOptions.givenQuota());
        }
        storeOptions.out().println("evicted " + report.removed() + " blobs ("
                + ByteSizeConverter.format(report.freedBytes()) + "); cache holds "
                + ByteSizeConverter.format(report.usedBytes()) + " of " + ByteSizeConverter.format(report.quotaBytes()));
    }
}
