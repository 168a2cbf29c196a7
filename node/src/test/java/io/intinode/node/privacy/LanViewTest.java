package io.intinode.node.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanViewTest {
    private static final LevelRef OS1 = new LevelRef("os", 1);
    private static final LevelRef OS2 = new LevelRef("os", 2);

    private static LanView.Peer peer(long rank, LevelRef level) {
        return new LanView.Peer(rank, level);
    }

    @Test
    void aLoneEmptyPeerIsLonelyAtOfficeKTwoButTwoAreNotAndOfficeKZeroNeverIs() {
        LanView one = new LanView(5, List.of(peer(1, LevelRef.NONE), peer(2, OS1)));
        LanView two = new LanView(5, List.of(peer(1, LevelRef.NONE), peer(3, LevelRef.NONE), peer(2, OS1)));
        LanView none = new LanView(5, List.of(peer(2, OS1)));
        assertThat(one.emptyPeers()).isEqualTo(1);
        assertThat(one.lonelyEmpty(2)).isTrue();
        assertThat(one.lonelyEmpty(0)).isFalse();
        assertThat(two.lonelyEmpty(2)).isFalse();
        assertThat(two.lonelyEmpty(3)).isTrue();
        assertThat(none.lonelyEmpty(2)).isFalse();
        assertThat(LanView.NONE.lonelyEmpty(2)).isFalse();
        assertThat(new LanView(5, one.peers(), 1).lonelyEmpty(2)).as("a recently empty peer keeps it company")
                .isFalse();
        assertThat(new LanView(5, none.peers(), 1).lonelyEmpty(2)).as("nor is a recently empty peer lonely itself")
                .isFalse();
    }

    @Test
    void theLowestRankedAnnouncerWhoseLevelKeepsOfficeKWithoutItIsElected() {
        // os1: self(5), 7, 9 (3 > office_k 2: spare); os2: 1, 2 (2: not spare, though ranked lower).
        List<LanView.Peer> peers = List.of(peer(0, LevelRef.NONE), peer(1, OS2), peer(2, OS2), peer(7, OS1),
                peer(9, OS1));
        assertThat(new LanView(5, peers).electsSelf(OS1, 2)).isTrue();
        assertThat(new LanView(8, peers).electsSelf(OS1, 2)).as("7 is lower").isFalse();
        assertThat(new LanView(3, peers).electsSelf(OS2, 2)).as("with this host os2 is spare, and 1 is lower")
                .isFalse();
    }

    @Test
    void everyHostWithTheSameViewElectsTheSameOne() {
        // Hosts ranked 10..15 at two levels, one empty host: exactly one of them elects itself.
        long[] ranks = {10, 11, 12, 13, 14, 15};
        LevelRef[] levels = {OS1, OS2, OS1, OS2, OS1, OS2};
        int elected = 0;
        for (int self = 0; self < ranks.length; self++) {
            List<LanView.Peer> peers = new java.util.ArrayList<>(List.of(peer(99, LevelRef.NONE)));
            for (int i = 0; i < ranks.length; i++) {
                if (i != self) {
                    peers.add(peer(ranks[i], levels[i]));
                }
            }
            elected += new LanView(ranks[self], peers).electsSelf(levels[self], 2) ? 1 : 0;
        }
        assertThat(elected).isEqualTo(1);
    }

    @Test
    void withNoSpareLevelTheLowestRankedAnnouncerIsElected() {
        List<LanView.Peer> peers = List.of(peer(0, LevelRef.NONE), peer(4, OS1), peer(6, OS2));
        assertThat(new LanView(5, peers).electsSelf(OS2, 2)).isFalse();
        assertThat(new LanView(3, peers).electsSelf(OS2, 2)).isTrue();
    }
}
