package io.intinode.dht.service;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.protocol.KadMessage;
import io.intinode.dht.protocol.KadProtocolException;
import io.intinode.dht.providers.ProviderStore;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one inbound kad-dht request, without I/O of its own: closest peers from the routing table, providers
 * from the store. ADD_PROVIDER is accepted only for the sending peer itself (kad-dht spec, content routing).
 */
final class KadResponder {
    private static final Logger log = LoggerFactory.getLogger(KadResponder.class);
    private final ProviderStore providers;
    private final Function<Key, List<PeerInfo>> closest;
    private final int maxProvidersPerAnswer;

    /** @param closest the k closest peers our routing table knows to a key */
    KadResponder(ProviderStore providers, Function<Key, List<PeerInfo>> closest, int maxProvidersPerAnswer) {
        this.providers = providers;
        this.closest = closest;
        this.maxProvidersPerAnswer = maxProvidersPerAnswer;
    }

    /**
     * The answer to {@code request} from {@code from}, or empty when none is due (ADD_PROVIDER).
     *
     * @param senderAddrs addresses we know for the sender, used when it announces itself without any
     */
    Optional<KadMessage> respond(PeerId from, List<Multiaddr> senderAddrs, KadMessage request, Instant now) {
        return switch (request) {
            case KadMessage.FindNode m -> Optional.of(new KadMessage.FindNode(m.key(), closerThanUs(m.key(), from)));
            case KadMessage.GetProviders m -> Optional.of(new KadMessage.GetProviders(m.key(),
                    providers.get(m.key(), now, maxProvidersPerAnswer), closerThanUs(m.key(), from)));
            case KadMessage.AddProvider m -> {
                addProviders(from, senderAddrs, m, now);
                yield Optional.empty();
            }
            case KadMessage.Ping m -> Optional.of(new KadMessage.Ping());
            case KadMessage.GetValue m -> Optional.of(new KadMessage.GetValue(m.key(), closerThanUs(m.key(), from)));
            case KadMessage.PutValue m -> throw new KadProtocolException("PUT_VALUE is not supported (from " + from + ")");
        };
    }

    private List<PeerInfo> closerThanUs(Key key, PeerId requester) {
        return closest.apply(key).stream().filter(p -> !p.id().equals(requester)).toList();
    }

    private void addProviders(PeerId from, List<Multiaddr> senderAddrs, KadMessage.AddProvider m, Instant now) {
        for (PeerInfo p : m.providers()) {
            if (!p.id().equals(from)) {
                log.info("rejecting ADD_PROVIDER from {} naming another peer {}", from, p.id());
                continue;
            }
            PeerInfo record = p.addrs().isEmpty() ? new PeerInfo(from, senderAddrs) : p;
            ProviderStore.Added added = providers.add(m.key(), record, now);
            if (added == ProviderStore.Added.KEY_FULL || added == ProviderStore.Added.PEER_FULL) {
                log.info("provider record of {} for {} refused: {}", from, m.key(), added);
            }
        }
    }
}
