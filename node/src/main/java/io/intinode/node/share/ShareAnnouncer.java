package io.intinode.node.share;

import io.intinode.node.share.AnnouncedIndex.Scope;
import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.StoreListener;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the DHT and the {@link AnnouncedIndex} follow a {@link ShareTarget}: provides what entered it,
 * withdraws what left it. The index changes at once (withdrawals first); provider records follow on virtual
 * threads, a few at a time. It decides nothing: {@link ShareService} computes the target.
 */
public final class ShareAnnouncer implements StoreListener {
    private static final Logger log = LoggerFactory.getLogger(ShareAnnouncer.class);
    /** Announcements in flight at once: each is a full DHT lookup, so a big cache must not start thousands. */
    private static final int MAX_CONCURRENT = 8;

    /** What the announcer needs of the DHT. */
    public interface Providing {
        void provide(Digest digest) throws InterruptedException;

        void unprovide(Digest digest);
    }

    private final Providing dht;
    private final Runnable onHoldingsChange;
    private final Semaphore inFlight = new Semaphore(MAX_CONCURRENT);
    private final AnnouncedIndex announced = new AnnouncedIndex();
    /** The keys the current target wants provided; a provide still in flight checks it before and after. */
    private final Set<Digest> wanted = ConcurrentHashMap.newKeySet();
    /** Keys whose provide call runs now: withdrawing one is left to its thread, so it is unprovided once. */
    private final Set<Digest> providing = new HashSet<>();
    private ShareTarget current = ShareTarget.NOTHING;

    /** @param onHoldingsChange called after each commit and removal in the store, to re-plan */
    public ShareAnnouncer(Providing dht, Runnable onHoldingsChange) {
        this.dht = dht;
        this.onHoldingsChange = onHoldingsChange;
    }

    /** The blobs announced: what the blob server may serve. */
    public AnnouncedIndex announced() {
        return announced;
    }

    public synchronized ShareTarget current() {
        return current;
    }

    /** Announces exactly {@code target}. */
    public synchronized void apply(ShareTarget target) {
        announced.replace(Scope.GLOBAL, target.servableGlobal());
        announced.replace(Scope.LAN, target.servableLan());
        Set<Digest> gone = new HashSet<>(current.provided());
        gone.removeAll(target.provided());
        Set<Digest> fresh = new HashSet<>(target.provided());
        fresh.removeAll(current.provided());
        wanted.removeAll(gone);
        wanted.addAll(fresh);
        gone.stream().filter(d -> !providing.contains(d)).forEach(dht::unprovide);
        fresh.forEach(this::provide);
        current = target;
    }

    @Override
    public void committed(BlobInfo info) {
        onHoldingsChange.run();
    }

    @Override
    public void removed(BlobInfo info) {
        withdraw(info.digest());
    }

    @Override
    public void quarantined(Digest digest, Path movedTo) {
        withdraw(digest);
    }

    /**
     * What we no longer hold is withdrawn at once; the next plan decides what follows (refetch, or step
     * down). A blob of a whole scope (a canonical level, an office set) takes its scope with it: the
     * host never announces a level, nor an office set, less a blob it evicted.
     */
    private void withdraw(Digest digest) {
        synchronized (this) {
            if (current.whole() && current.servableGlobal().contains(digest)) {
                apply(ShareTarget.NOTHING);
            } else if (current.whole() && current.servableLan().contains(digest)) {
                apply(ShareTarget.level(current.provided(), current.servableGlobal(), Set.of()));
            } else {
                announced.remove(digest);
                if (wanted.remove(digest) && !providing.contains(digest)) {
                    dht.unprovide(digest);
                }
                current = new ShareTarget(without(current.provided(), digest),
                        without(current.servableGlobal(), digest), without(current.servableLan(), digest),
                        current.whole());
            }
        }
        onHoldingsChange.run();
    }

    private static Set<Digest> without(Set<Digest> set, Digest d) {
        Set<Digest> s = new HashSet<>(set);
        s.remove(d);
        return s;
    }

    private void provide(Digest digest) {
        Thread.ofVirtual().name("share-announce").start(() -> {
            try {
                inFlight.acquire();
                try {
                    synchronized (this) {
                        if (!wanted.contains(digest)) { // withdrawn while waiting
                            return;
                        }
                        providing.add(digest);
                    }
                    try {
                        dht.provide(digest);
                    } finally {
                        synchronized (this) {
                            providing.remove(digest);
                            if (!wanted.contains(digest)) { // withdrawn while providing: only we unprovide it
                                dht.unprovide(digest);
                            }
                        }
                    }
                } finally {
                    inFlight.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("announcing {} failed: {}", digest, e.getMessage());
            }
        });
    }
}
