package io.intinode.store.evict;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.BlobInfo;
import io.intinode.store.Blobs;
import io.intinode.store.Origin;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastRecentlyUsedPolicyTest {
    static BlobInfo blob(int id, long size, long lastAccessSecond, long reads, boolean pinned) {
        return new BlobInfo(Blobs.sha256(new byte[] {(byte) id}), size, Instant.EPOCH,
                Instant.ofEpochSecond(lastAccessSecond), reads, pinned, false, Origin.LOCAL);
    }

    @Test
    void leastRecentlyReadFirstPinnedNever() {
        BlobInfo old = blob(1, 10, 100, 9, false);
        BlobInfo recent = blob(2, 10, 300, 0, false);
        BlobInfo middle = blob(3, 10, 200, 1, false);
        BlobInfo pinnedOldest = blob(4, 10, 1, 0, true);

        assertThat(new LeastRecentlyUsedPolicy().rank(List.of(recent, pinnedOldest, old, middle)))
                .containsExactly(old, middle, recent);
    }

    @Test
    void tiesGoToFewerReadsThenLargerSize() {
        BlobInfo manyReads = blob(1, 10, 100, 5, false);
        BlobInfo fewReadsSmall = blob(2, 10, 100, 1, false);
        BlobInfo fewReadsLarge = blob(3, 1000, 100, 1, false);

        assertThat(new LeastRecentlyUsedPolicy().rank(List.of(manyReads, fewReadsSmall, fewReadsLarge)))
                .containsExactly(fewReadsLarge, fewReadsSmall, manyReads);
    }

    @Test
    void orderIsTotalSoTheAnswerIsStable() {
        BlobInfo a = blob(1, 10, 100, 1, false);
        BlobInfo b = blob(2, 10, 100, 1, false);
        LeastRecentlyUsedPolicy policy = new LeastRecentlyUsedPolicy();
        assertThat(policy.rank(List.of(a, b))).isEqualTo(policy.rank(List.of(b, a)));
    }
}
