package io.intinode.node.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareAnnouncerTest {
    @TempDir
    Path dir;

    private FileBlobStore store;
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    private final ShareAnnouncer.Providing dht = new ShareAnnouncer.Providing() {
        @Override
        public void provide(Digest digest) {
            calls.add("provide " + digest);
        }

        @Override
        public void unprovide(Digest digest) {
            calls.add("unprovide " + digest);
        }
    };

    @BeforeEach
    void open() {
        store = FileBlobStore.openWithoutQuota(dir, StoreConfig.withQuota(1 << 20), java.time.InstantSource.system());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Digest add(String text) {
        BlobInfo b = store.ingest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                BlobStore.Expected.NOTHING, Origin.LOCAL);
        return b.digest();
    }

    private String next() throws InterruptedException {
        String call = calls.poll(10, TimeUnit.SECONDS); // announcements run on virtual threads
        assertThat(call).as("a DHT call").isNotNull();
        return call;
    }

    @Test
    void offByDefaultNothingIsAnnounced() throws Exception {
        ShareAnnouncer a = ShareAnnouncer.start(store, dht, Set.of(), false);
        Digest d = add("one");
        a.markShareable(d);
        assertThat(store.info(d).orElseThrow().shareable()).isTrue();
        a.setSharing(false);
        assertThat(calls.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void onAnnouncesShareableBlobsHeldAndNewOnesButNotUnmarkedOrDenied() throws Exception {
        Digest held = add("held");
        store.setShareable(held, true);
        Digest unmarked = add("share false");
        Digest denied = add("denied");
        store.setShareable(denied, true);
        ShareAnnouncer a = ShareAnnouncer.start(store, dht, Set.of(denied), true);
        assertThat(next()).isEqualTo("provide " + held);

        Digest fresh = add("fresh");
        a.markShareable(fresh);
        a.markShareable(denied);
        assertThat(next()).isEqualTo("provide " + fresh);
        assertThat(calls.poll(200, TimeUnit.MILLISECONDS)).as("nothing for " + unmarked + " or " + denied).isNull();
    }

    @Test
    void removedBlobsAndSwitchingOffWithdraw() throws Exception {
        Digest d = add("x");
        store.setShareable(d, true);
        Digest e = add("y");
        ShareAnnouncer a = ShareAnnouncer.start(store, dht, Set.of(), true);
        assertThat(next()).isEqualTo("provide " + d);
        assertThat(store.remove(d)).isTrue();
        assertThat(next()).isEqualTo("unprovide " + d);
        a.setSharing(false);
        assertThat(next()).isEqualTo("unprovide " + e);
        assertThat(a.sharing()).isFalse();
    }

    @Test
    void theAnnouncedIndexFollowsAnnouncementsAndWithdrawals() throws Exception {
        Digest d = add("served once announced");
        ShareAnnouncer a = ShareAnnouncer.start(store, dht, Set.of(), true);
        assertThat(a.announced().mayServe(d, true)).as("fetched but not yet announced").isFalse();
        a.markShareable(d);
        assertThat(next()).isEqualTo("provide " + d);
        awaitServable(a, d, true);
        a.setSharing(false);
        awaitServable(a, d, false);
        a.setSharing(true);
        assertThat(next()).isEqualTo("unprovide " + d);
        assertThat(next()).isEqualTo("provide " + d);
        awaitServable(a, d, true);
        assertThat(store.remove(d)).isTrue();
        assertThat(a.announced().mayServe(d, true)).isFalse();
    }

    /** The index is updated after the DHT call returns, on the announcing thread. */
    private static void awaitServable(ShareAnnouncer a, Digest d, boolean servable) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (a.announced().mayServe(d, false) != servable && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(a.announced().mayServe(d, false)).isEqualTo(servable);
    }
}
