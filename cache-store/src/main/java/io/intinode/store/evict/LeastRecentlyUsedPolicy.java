package io.intinode.store.evict;

import io.intinode.store.BlobInfo;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * "Least valuable" = read longest ago. Among blobs last read at the same instant, one read fewer times
 * goes first, then the larger one (it frees more), then by digest so the order is total and stable.
 * Pinned blobs are never offered.
 */
public final class LeastRecentlyUsedPolicy implements EvictionPolicy {
    private static final Comparator<BlobInfo> LEAST_VALUABLE_FIRST = Comparator.comparing(BlobInfo::lastAccess)
            .thenComparingLong(BlobInfo::accessCount)
            .thenComparing(Comparator.comparingLong(BlobInfo::size).reversed())
            .thenComparing(BlobInfo::digest);

    @Override
    public List<BlobInfo> rank(Collection<BlobInfo> blobs) {
        return blobs.stream().filter(b -> !b.pinned()).sorted(LEAST_VALUABLE_FIRST).toList();
    }
}
