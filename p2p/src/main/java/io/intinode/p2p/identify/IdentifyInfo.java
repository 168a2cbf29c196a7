package io.intinode.p2p.identify;

import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.util.List;
import java.util.Optional;

/** What a peer told us about itself through identify. */
public record IdentifyInfo(PeerId peer, String protocolVersion, String agentVersion, List<Multiaddr> listenAddrs,
        List<String> protocols, Optional<Multiaddr> observedAddr) {
    public IdentifyInfo {
        listenAddrs = List.copyOf(listenAddrs);
        protocols = List.copyOf(protocols);
    }
}
