package io.intinode.store.file;

import io.intinode.store.Digest;
import java.util.HashMap;
import java.util.Map;

/** How many handles are open on each blob; a blob with any is never deleted. */
final class OpenBlobs {
    private final Map<Digest, Integer> counts = new HashMap<>();

    synchronized void acquire(Digest digest) {
        counts.merge(digest, 1, Integer::sum);
    }

    synchronized void release(Digest digest) {
        counts.computeIfPresent(digest, (d, n) -> n == 1 ? null : n - 1);
    }

    synchronized boolean isOpen(Digest digest) {
        return counts.containsKey(digest);
    }
}
