package io.intinode.transfer.blob;

import io.intinode.p2p.identity.PeerId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Concurrent uploads: at most {@code max} in all and {@code maxPerPeer} for any one peer, so a greedy
 * peer waits while others still get served.
 */
final class UploadSlots {
    /** A taken slot; closing it gives it back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final int max;
    private final int maxPerPeer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Map<PeerId, Integer> perPeer = new HashMap<>();
    private int inUse;

    UploadSlots(int max, int maxPerPeer) {
        this.max = max;
        this.maxPerPeer = maxPerPeer;
    }

    /** Takes a slot for {@code peer}, waiting at most {@code wait}; empty if none came free in time. */
    Optional<Slot> acquire(PeerId peer, Duration wait) throws InterruptedException {
        long left = wait.toNanos();
        lock.lock();
        try {
            while (inUse >= max || perPeer.getOrDefault(peer, 0) >= maxPerPeer) {
                if (left <= 0) {
                    return Optional.empty();
                }
                left = freed.awaitNanos(left);
            }
            inUse++;
            perPeer.merge(peer, 1, Integer::sum);
            AtomicBoolean held = new AtomicBoolean(true);
            return Optional.of(() -> {
                if (held.compareAndSet(true, false)) {
                    release(peer);
                }
            });
        } finally {
            lock.unlock();
        }
    }

    int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    private void release(PeerId peer) {
        lock.lock();
        try {
            inUse--;
            perPeer.computeIfPresent(peer, (p, n) -> n > 1 ? n - 1 : null);
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
