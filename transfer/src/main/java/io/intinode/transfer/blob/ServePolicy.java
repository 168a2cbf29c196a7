package io.intinode.transfer.blob;

import io.intinode.p2p.identity.PeerId;
import io.intinode.store.Digest;

/**
 * Whether this host may serve a blob to a peer. The server asks it before it looks at the store, so a
 * refusal and a blob we lack take the same path and get the same answer.
 */
@FunctionalInterface
public interface ServePolicy {
    /** Sharing is opt-in: by default nothing is served. */
    ServePolicy NOTHING = (blob, peer) -> false;

    boolean mayServe(Digest blob, PeerId peer);
}
