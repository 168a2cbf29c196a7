package io.intinode.dht.core;

import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.util.List;

/** A peer and the addresses it can be dialled on, as DHT messages carry them. */
public record PeerInfo(PeerId id, List<Multiaddr> addrs) {
    public PeerInfo {
        addrs = List.copyOf(addrs);
    }

    public Key key() {
        return Key.ofPeer(id);
    }
}
