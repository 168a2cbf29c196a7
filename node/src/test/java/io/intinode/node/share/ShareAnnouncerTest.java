package io.intinode.node.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.share.AnnouncedIndex.Scope;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareAnnouncerTest {
    @TempDir
    Path dir;

    private FileBlobStore store;
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    private final AtomicInteger changes = new AtomicInteger();
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

    /** The next {@code n} DHT calls, in any order (provides run on virtual threads). */
    private Set<String> next(int n) throws InterruptedException {
        Set<String> got = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String call = calls.poll(10, TimeUnit.SECONDS);
            assertThat(call).as("DHT call " + (i + 1) + " of " + n).isNotNull();
            got.add(call);
        }
        return got;
    }

    @Test
    void providesWhatEntersTheTargetAndWithdrawsWhatLeavesIt() throws Exception {
        Digest a = add("a");
        Digest b = add("b");
        Digest c = add("c");
        ShareAnnouncer announcer = new ShareAnnouncer(dht, changes::incrementAndGet);
        announcer.apply(ShareTarget.everywhere(Set.of(a, b)));
        assertThat(next(2)).containsExactlyInAnyOrder("provide " + a, "provide " + b);
        announcer.apply(ShareTarget.everywhere(Set.of(b, c)));
        assertThat(next(2)).containsExactlyInAnyOrder("unprovide " + a, "provide " + c);
        assertThat(announcer.announced().snapshot(Scope.GLOBAL)).containsExactlyInAnyOrder(b, c);
        announcer.apply(ShareTarget.NOTHING);
        assertThat(next(2)).containsExactlyInAnyOrder("unprovide " + b, "unprovide " + c);
        assertThat(announcer.announced().size(Scope.GLOBAL)).isZero();
        assertThat(calls.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void servableScopesAreSetAtOnceAndLanBlobsAreNeverProvided() throws Exception {
        Digest level = add("level blob");
        Digest office = add("office blob");
        Digest marker = Digest.parse("sha256:" + "c".repeat(64));
        ShareAnnouncer announcer = new ShareAnnouncer(dht, changes::incrementAndGet);
        announcer.apply(ShareTarget.level(Set.of(marker), Set.of(level), Set.of(office)));
        // Servable before any DHT call returns: a tentative level's blobs must pass other hosts' probes.
        assertThat(announcer.announced().mayServe(level, false)).isTrue();
        assertThat(announcer.announced().mayServe(office, false)).isFalse();
        assertThat(announcer.announced().mayServe(office, true)).isTrue();
        assertThat(next(1)).containsExactly("provide " + marker);
        assertThat(calls.poll(100, TimeUnit.MILLISECONDS)).as("blobs of a tentative level are not provided").isNull();
    }

    @Test
    void aRemovedBlobIsWithdrawnAtOnceAndTriggersAPlan() throws Exception {
        Digest d = add("x");
        ShareAnnouncer announcer = new ShareAnnouncer(dht, changes::incrementAndGet);
        store.addListener(announcer);
        Digest e = add("y");
        assertThat(changes.get()).as("a commit asks for a plan").isEqualTo(1);
        announcer.apply(ShareTarget.everywhere(Set.of(d, e)));
        assertThat(next(2)).hasSize(2);
        assertThat(store.remove(d)).isTrue();
        assertThat(next(1)).containsExactly("unprovide " + d);
        assertThat(announcer.announced().mayServe(d, true)).isFalse();
        assertThat(announcer.current().provided()).containsExactly(e);
        assertThat(changes.get()).isEqualTo(2);
    }

    @Test
    void anEvictedBlobOfALevelWithdrawsTheWholeLevelAndOfTheOfficeSetTheWholeOfficeSet() throws Exception {
        Digest a = add("level a");
        Digest b = add("level b");
        Digest c = add("office c");
        Digest o = add("office o");
        Digest marker = add("marker");
        ShareAnnouncer announcer = new ShareAnnouncer(dht, changes::incrementAndGet);
        store.addListener(announcer);
        announcer.apply(ShareTarget.level(Set.of(marker, a, b), Set.of(a, b), Set.of(c, o)));
        assertThat(next(3)).hasSize(3);

        assertThat(store.remove(c)).isTrue();
        assertThat(announcer.announced().mayServe(o, true)).as("the rest of the office set").isFalse();
        assertThat(announcer.announced().mayServe(a, true)).as("the level stays").isTrue();
        assertThat(calls.poll(100, TimeUnit.MILLISECONDS)).as("LAN blobs are never on the DHT").isNull();

        assertThat(store.remove(a)).isTrue();
        assertThat(next(3)).containsExactlyInAnyOrder("unprovide " + marker, "unprovide " + a, "unprovide " + b);
        assertThat(announcer.announced().mayServe(b, false)).as("the rest of the level").isFalse();
        assertThat(announcer.current()).isEqualTo(ShareTarget.NOTHING);
        assertThat(changes.get()).as("each removal asks for a plan (refetch or step down)").isEqualTo(2);
    }

    @Test
    void aQuarantinedBlobIsWithdrawnLikeARemovedOne() throws Exception {
        Digest d = add("z");
        ShareAnnouncer announcer = new ShareAnnouncer(dht, changes::incrementAndGet);
        announcer.apply(ShareTarget.everywhere(Set.of(d)));
        assertThat(next(1)).containsExactly("provide " + d);
        announcer.quarantined(d, dir.resolve("quarantine"));
        assertThat(next(1)).containsExactly("unprovide " + d);
        assertThat(announcer.announced().mayServe(d, false)).isFalse();
        assertThat(changes.get()).isEqualTo(1);
    }
}
