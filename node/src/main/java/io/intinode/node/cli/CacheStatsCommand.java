package io.intinode.node.cli;

import io.intinode.store.BlobInfo;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code intinode cache stats}. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show how much the cache holds: blobs, bytes, quota, pinned and shared blobs, origins.")
final class CacheStatsCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Override
    public void run() {
        long blobs = 0;
        long pinned = 0;
        long pinnedBytes = 0;
        long shareable = 0;
        Map<Origin, Long> byOrigin = new EnumMap<>(Origin.class);
        long used;
        try (FileBlobStore store = storeOptions.open(); Stream<BlobInfo> all = store.list()) {
            for (BlobInfo b : (Iterable<BlobInfo>) all::iterator) {
                blobs++;
                if (b.pinned()) {
                    pinned++;
                    pinnedBytes += b.size();
                }
                if (b.shareable()) {
                    shareable++;
                }
                byOrigin.merge(b.origin(), 1L, Long::sum);
            }
            used = store.usedBytes();
        }
        PrintWriter out = storeOptions.out();
        out.println("data dir:  " + storeOptions.dataDir().toAbsolutePath());
        out.println("blobs:     " + blobs);
        out.println("bytes:     " + used + " (" + ByteSizeConverter.format(used) + ")");
        out.println("quota:     " + storeOptions.quotaBytes() + " (" + ByteSizeConverter.format(storeOptions.quotaBytes()) + ")");
        out.println("pinned:    " + pinned + " blobs, " + pinnedBytes + " bytes");
        out.println("shareable: " + shareable + " blobs");
        byOrigin.forEach((origin, n) -> out.println("origin " + origin.name().toLowerCase(java.util.Locale.ROOT) + ": " + n));
    }
}
