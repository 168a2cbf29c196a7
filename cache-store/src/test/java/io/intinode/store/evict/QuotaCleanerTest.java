package io.intinode.store.evict;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Blobs;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.TestClock;
import io.intinode.store.file.FileBlobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaCleanerTest {
    @TempDir
    Path dir;

    final TestClock clock = new TestClock();
    FileBlobStore store;
    QuotaCleaner cleaner;

    @BeforeEach
    void open() {
        store = FileBlobStore.openWithoutQuota(dir, StoreConfig.DEFAULTS, clock);
        cleaner = new QuotaCleaner(store, new LeastRecentlyUsedPolicy(), 3000);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Digest add(int seed, int size) {
        clock.advance(Duration.ofSeconds(1));
        return store.ingest(Blobs.stream(Blobs.random(size, seed)), Expected.NOTHING, Origin.LOCAL).digest();
    }

    private void read(Digest d) {
        clock.advance(Duration.ofSeconds(1));
        store.open(d).orElseThrow().close();
    }

    @Test
    void evictsLeastRecentlyReadUntilUnderQuota() {
        Digest a = add(1, 1000);
        Digest b = add(2, 1000);
        Digest c = add(3, 1000);
        Digest d = add(4, 1000);
        read(a); // now b is the least recently used, then c

        QuotaCleaner.Report report = cleaner.cleanUp(2000, Set.of());

        assertThat(report.removed()).isEqualTo(2);
        assertThat(report.freedBytes()).isEqualTo(2000);
        assertThat(report.usedBytes()).isEqualTo(2000);
        assertThat(store.has(b)).isFalse();
        assertThat(store.has(c)).isFalse();
        assertThat(store.has(a)).isTrue();
        assertThat(store.has(d)).isTrue();
    }

    @Test
    void neverEvictsPinnedOrOpenBlobs() {
        Digest a = add(1, 1000);
        Digest b = add(2, 1000);
        Digest c = add(3, 1000);
        store.setPinned(a, true);

        try (BlobHandle open = store.open(b).orElseThrow()) {
            QuotaCleaner.Report report = cleaner.cleanUp(0, Set.of());
            assertThat(report.removed()).isEqualTo(1);
            assertThat(store.has(c)).isFalse();
            assertThat(store.has(a)).isTrue();
            assertThat(store.has(b)).isTrue();
            assertThat(open.size()).isEqualTo(1000);
        }
        assertThat(cleaner.cleanUp(0, Set.of()).removed()).isEqualTo(1);
        assertThat(store.has(b)).isFalse();
    }

    @Test
    void underQuotaNothingHappens() {
        add(1, 1000);
        assertThat(cleaner.cleanUp()).isEqualTo(new QuotaCleaner.Report(0, 0, 1000));
    }

    @Test
    void asAListenerItCleansUpAfterACommitButSparesTheNewBlob() {
        store.addListener(cleaner);
        Digest a = add(1, 1000);
        Digest b = add(2, 1000);
        Digest c = add(3, 1000);
        assertThat(store.usedBytes()).isEqualTo(3000);

        Digest big = add(4, 2500);

        assertThat(store.has(big)).isTrue();
        assertThat(store.has(a)).isFalse();
        assertThat(store.has(b)).isFalse();
        assertThat(store.has(c)).isFalse();
        assertThat(store.usedBytes()).isEqualTo(2500);

        Digest huge = add(5, 4000); // larger than the quota on its own: kept, everything else goes
        assertThat(store.has(huge)).isTrue();
        assertThat(store.has(big)).isFalse();
    }

    @Test
    void afterACommitItCleansBelowTheQuotaToLeaveRoom() {
        store.addListener(cleaner); // quota 3000: cleans down to 2700
        Digest a = add(1, 1000);
        Digest b = add(2, 1000);
        Digest c = add(3, 900);
        Digest d = add(4, 200); // 3100 > 3000: a goes (2100 <= 2700)

        assertThat(store.has(a)).isFalse();
        assertThat(store.has(b)).isTrue();
        assertThat(store.has(c)).isTrue();
        assertThat(store.has(d)).isTrue();
        assertThat(store.usedBytes()).isEqualTo(2100);
    }

    @Test
    void openStoreAppliesTheConfiguredQuota() {
        store.close();
        store = FileBlobStore.open(dir, StoreConfig.withQuota(1500));
        BlobInfo first = store.ingest(Blobs.stream(Blobs.random(1000, 1)), Expected.NOTHING, Origin.LOCAL);
        store.ingest(Blobs.stream(Blobs.random(1000, 2)), Expected.NOTHING, Origin.LOCAL);
        assertThat(store.has(first.digest())).isFalse();
        assertThat(store.usedBytes()).isEqualTo(1000);
    }
}
