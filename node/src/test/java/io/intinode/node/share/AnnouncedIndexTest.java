package io.intinode.node.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.share.AnnouncedIndex.Scope;
import io.intinode.store.Digest;
import org.junit.jupiter.api.Test;

class AnnouncedIndexTest {
    private static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest B = Digest.parse("sha256:" + "b".repeat(64));

    @Test
    void servesOnlyWhatWasAnnouncedInTheAskersScope() {
        AnnouncedIndex index = new AnnouncedIndex();
        index.add(A, Scope.GLOBAL);
        index.add(B, Scope.LAN);

        assertThat(index.mayServe(A, false)).isTrue();
        assertThat(index.mayServe(A, true)).isTrue();
        assertThat(index.mayServe(B, true)).isTrue();
        assertThat(index.mayServe(B, false)).as("the office set never leaves the LAN").isFalse();
    }

    @Test
    void withdrawnBlobsAreNoLongerServed() {
        AnnouncedIndex index = new AnnouncedIndex();
        index.add(A, Scope.GLOBAL);
        index.add(A, Scope.LAN);
        index.add(B, Scope.GLOBAL);

        index.remove(A);
        assertThat(index.mayServe(A, true)).isFalse();
        assertThat(index.size(Scope.LAN)).isZero();
        index.clear();
        assertThat(index.mayServe(B, false)).isFalse();
    }

    @Test
    void replaceMakesAScopeExactlyTheGivenSet() {
        AnnouncedIndex index = new AnnouncedIndex();
        index.add(A, Scope.GLOBAL);
        index.add(A, Scope.LAN);
        index.replace(Scope.GLOBAL, java.util.Set.of(B));
        assertThat(index.snapshot(Scope.GLOBAL)).containsExactly(B);
        assertThat(index.snapshot(Scope.LAN)).as("the other scope is untouched").containsExactly(A);
    }
}
