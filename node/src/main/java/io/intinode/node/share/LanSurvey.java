package io.intinode.node.share;

import io.intinode.p2p.identity.PeerId;
import io.intinode.store.Digest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the LAN peers announce, for the stand-in rule ({@link io.intinode.node.privacy.LanView}). */
public interface LanSurvey {
    /** One LAN peer's office answer: the marker of the level it announces, empty when it announces nothing. */
    record Answer(PeerId peer, Optional<Digest> marker) {}

    /** A survey that finds no LAN peers: the stand-in rule never applies. */
    LanSurvey NONE = new LanSurvey() {
        @Override
        public PeerId self() {
            throw new IllegalStateException("no survey, no self");
        }

        @Override
        public List<Answer> survey() {
            return List.of();
        }

        @Override
        public boolean serves(PeerId peer, Set<Digest> levelBlobs) {
            return false;
        }
    };

    /** This host's peer id (its rank in the stand-in election comes from it). */
    PeerId self();

    /** Every LAN peer that answered, bounded in count and time; peers that did not answer are left out. */
    List<Answer> survey() throws InterruptedException;

    /** Whether a peer passes a serve probe for a level it claims ({@link ServeProbe}). */
    boolean serves(PeerId peer, Set<Digest> levelBlobs) throws InterruptedException;
}
