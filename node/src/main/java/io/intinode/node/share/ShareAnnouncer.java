package io.intinode.node.share;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.StoreListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sharing is opt-in: while it is on, each shareable blob is announced on the DHT when it is committed (and at
 * switch-on for those already held); the DHT republishes its records on its own schedule. A removed blob, or
 * every blob when sharing is switched off, is withdrawn. A blob is shareable when the store marks it so (a stub
 * with {@code "share":false} leaves it unmarked) and no deny rule names it. The {@link AnnouncedIndex} follows
 * the announcements: a blob becomes servable once its announcement succeeded, and stops being so when withdrawn.
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

    private final BlobStore store;
    private final Providing dht;
    private final Set<Digest> denied;
    private final Semaphore inFlight = new Semaphore(MAX_CONCURRENT);
    private final AnnouncedIndex announced = new AnnouncedIndex();
    private volatile boolean sharing;

    private ShareAnnouncer(BlobStore store, Providing dht, Set<Digest> denied) {
        this.store = store;
        this.dht = dht;
        this.denied = Set.copyOf(denied);
    }

    /** Listens to the store and, when {@code on}, announces what it already holds. */
    public static ShareAnnouncer start(BlobStore store, Providing dht, Set<Digest> denied, boolean on) {
        ShareAnnouncer a = new ShareAnnouncer(store, dht, denied);
        store.addListener(a);
        a.setSharing(on);
        return a;
    }

    public boolean sharing() {
        return sharing;
    }

    /** The blobs announced so far: what the blob server may serve. */
    public AnnouncedIndex announced() {
        return announced;
    }

    /** Switches sharing; on announces every shareable blob held, off withdraws every blob. */
    public synchronized void setSharing(boolean on) {
        boolean was = sharing;
        sharing = on;
        if (on && !was) {
            allShareable().forEach(this::announce);
        } else if (!on && was) {
            announced.clear();
            try (Stream<BlobInfo> all = store.list()) {
                all.map(BlobInfo::digest).toList().forEach(dht::unprovide);
            }
        }
    }

    boolean shareable(BlobInfo blob) {
        return blob.shareable() && !denied.contains(blob.digest());
    }

    private List<Digest> allShareable() {
        try (Stream<BlobInfo> all = store.list()) {
            return all.filter(this::shareable).map(BlobInfo::digest).toList();
        }
    }

    /**
     * Marks a held blob shareable (the store leaves new blobs unmarked) and announces it while sharing is on;
     * for blobs that no stub said {@code "share":false} about.
     */
    public void markShareable(Digest digest) {
        store.setShareable(digest, true);
        if (sharing && !denied.contains(digest)) {
            announce(digest);
        }
    }

    @Override
    public void committed(BlobInfo info) {
        if (sharing && shareable(info)) {
            announce(info.digest());
        }
    }

    @Override
    public void removed(BlobInfo info) {
        announced.remove(info.digest());
        dht.unprovide(info.digest());
    }

    private void announce(Digest digest) {
        Thread.ofVirtual().name("share-announce").start(() -> {
            try {
                inFlight.acquire();
                try {
                    if (sharing) { // may have been switched off while waiting
                        dht.provide(digest);
                        announced.add(digest, AnnouncedIndex.Scope.GLOBAL);
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
