package io.intinode.dht.protocol;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import java.util.List;

/**
 * The kad-dht RPCs. One record per message type; requests leave the peer lists empty, responses fill them.
 * GET_VALUE and PUT_VALUE are decoded so they can be answered, but intinode stores no values.
 */
public sealed interface KadMessage {
    /** FIND_NODE: the request names a key; the response lists the closest peers the responder knows. */
    record FindNode(Key key, List<PeerInfo> closerPeers) implements KadMessage {
        public FindNode {
            closerPeers = List.copyOf(closerPeers);
        }

        public static FindNode request(Key key) {
            return new FindNode(key, List.of());
        }
    }

    /** GET_PROVIDERS: the response lists known providers of a blob key and peers closer to it. */
    record GetProviders(Key key, List<PeerInfo> providers, List<PeerInfo> closerPeers) implements KadMessage {
        public GetProviders {
            providers = List.copyOf(providers);
            closerPeers = List.copyOf(closerPeers);
        }

        public static GetProviders request(Key key) {
            return new GetProviders(key, List.of(), List.of());
        }
    }

    /** ADD_PROVIDER: the sender announces itself as a provider of a blob key; there is no response. */
    record AddProvider(Key key, List<PeerInfo> providers) implements KadMessage {
        public AddProvider {
            providers = List.copyOf(providers);
        }
    }

    record Ping() implements KadMessage {}

    /** GET_VALUE (unsupported): answered with closer peers and no record. */
    record GetValue(Key key, List<PeerInfo> closerPeers) implements KadMessage {
        public GetValue {
            closerPeers = List.copyOf(closerPeers);
        }
    }

    /** PUT_VALUE (unsupported): refused. */
    record PutValue(Key key) implements KadMessage {}
}
