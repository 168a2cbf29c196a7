package io.intinode.dht.mdns;

import io.intinode.dht.core.PeerInfo;
import java.util.List;

/** What an mDNS packet means for libp2p discovery (libp2p/specs discovery/mdns.md, r2). */
public sealed interface MdnsMessage {
    /** Someone asks {@code <service-name> PTR}: every peer answers with itself. */
    record Query() implements MdnsMessage {}

    /** Peers announced under our service name, with the addresses from their {@code dnsaddr=} TXT records. */
    record Response(List<PeerInfo> peers) implements MdnsMessage {
        public Response {
            peers = List.copyOf(peers);
        }
    }

    /** Nothing for us: other services, other record types. */
    record Ignored() implements MdnsMessage {}
}
