package io.intinode.dht.query;

import io.intinode.p2p.identity.PeerId;

/** What a lookup looks for, which decides the request sent and when it may stop early. */
public sealed interface Goal {
    /** The k closest peers to the key (FIND_NODE); also used to pick where to put provider records. */
    record ClosestPeers() implements Goal {}

    /** Providers of a blob key (GET_PROVIDERS); stops once {@code wanted} distinct providers are known. */
    record Providers(int wanted) implements Goal {
        public Providers {
            if (wanted < 1) {
                throw new IllegalArgumentException("wanted providers must be positive: " + wanted);
            }
        }
    }

    /** One peer's addresses (FIND_NODE on its id); stops once some answer names it. */
    record Peer(PeerId id) implements Goal {}
}
