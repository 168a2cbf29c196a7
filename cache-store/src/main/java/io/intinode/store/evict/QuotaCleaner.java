package io.intinode.store.evict;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.StoreListener;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an eviction policy to a store: removes blobs in the policy's order until the store fits a
 * size. The store refuses to remove pinned or open blobs; those are skipped. As a listener it cleans
 * up after each commit that takes the store over its quota, sparing the blob just committed.
 */
public final class QuotaCleaner implements StoreListener {
    private static final Logger log = LoggerFactory.getLogger(QuotaCleaner.class);

    private final BlobStore store;
    private final EvictionPolicy policy;
    private final long quotaBytes;

    /** What a clean-up removed and what the store holds afterwards. */
    public record Report(int removed, long freedBytes, long usedBytes) {}

    public QuotaCleaner(BlobStore store, EvictionPolicy policy, long quotaBytes) {
        this.store = store;
        this.policy = policy;
        this.quotaBytes = quotaBytes;
    }

    public long quotaBytes() {
        return quotaBytes;
    }

    /** Cleans up to the quota. */
    public Report cleanUp() {
        return cleanUp(quotaBytes, Set.of());
    }

    /** Removes blobs, least valuable first, until at most {@code targetBytes} are used; never those in {@code spare}. */
    public synchronized Report cleanUp(long targetBytes, Set<Digest> spare) {
        int removed = 0;
        long freed = 0;
        if (store.usedBytes() <= targetBytes) {
            return new Report(0, 0, store.usedBytes());
        }
        List<BlobInfo> ranked;
        try (Stream<BlobInfo> all = store.list()) {
            ranked = policy.rank(all.filter(b -> !spare.contains(b.digest())).toList());
        }
        for (BlobInfo victim : ranked) {
            if (store.usedBytes() <= targetBytes) {
                break;
            }
            if (store.remove(victim.digest())) {
                removed++;
                freed += victim.size();
            }
        }
        if (removed > 0) {
            log.info("evicted {} blobs ({} bytes) to fit {} bytes", removed, freed, targetBytes);
        }
        return new Report(removed, freed, store.usedBytes());
    }

    @Override
    public void committed(BlobInfo info) {
        if (store.usedBytes() > quotaBytes) {
            cleanUp(quotaBytes, Set.of(info.digest()));
        }
    }
}
