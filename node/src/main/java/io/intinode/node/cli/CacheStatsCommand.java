package io.intinode.node.cli;

import io.intinode.node.api.NodeApi;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code intinode cache stats}. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show how much the cache holds: blobs, bytes, quota, pinned and shared blobs, origins.")
final class CacheStatsCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Mixin
    NodeOption node;

    @Override
    public void run() {
        NodeApi.CacheListing cache;
        try (CacheAccess access = CacheAccess.open(storeOptions, node.mode)) {
            cache = access.listing();
        }
        long pinned = 0;
        long pinnedBytes = 0;
        long shareable = 0;
        Map<String, Long> byOrigin = new TreeMap<>();
        for (NodeApi.CacheEntry b : cache.blobs()) {
            if (b.pinned()) {
                pinned++;
                pinnedBytes += b.size();
            }
            if (b.shareable()) {
                shareable++;
            }
            byOrigin.merge(b.origin(), 1L, Long::sum);
        }
        PrintWriter out = storeOptions.out();
        out.println("data dir:  " + storeOptions.dataDir().toAbsolutePath());
        out.println("blobs:     " + cache.blobs().size());
        out.println("bytes:     " + cache.usedBytes() + " (" + ByteSizeConverter.format(cache.usedBytes()) + ")");
        out.println("quota:     " + cache.quotaBytes() + " (" + ByteSizeConverter.format(cache.quotaBytes()) + ")");
        out.println("pinned:    " + pinned + " blobs, " + pinnedBytes + " bytes");
        out.println("shareable: " + shareable + " blobs");
        byOrigin.forEach((origin, n) -> out.println("origin " + origin + ": " + n));
    }
}
