package io.intinode.dht.providers;

import io.intinode.p2p.identity.PeerId;
import java.util.HashMap;
import java.util.Map;

/** Records per provider peer, and the cap decision both stores share. Not thread-safe: stores lock around it. */
final class ProviderCounts {
    private final Map<PeerId, Integer> perPeer = new HashMap<>();
    private long total;

    /** Why a new record may not be added, or null if it may. */
    ProviderStore.Added refusal(int providersOfKey, PeerId provider, ProviderConfig config) {
        if (providersOfKey >= config.maxProvidersPerKey()) {
            return ProviderStore.Added.KEY_FULL;
        }
        if (perPeer.getOrDefault(provider, 0) >= config.maxRecordsPerPeer()) {
            return ProviderStore.Added.PEER_FULL;
        }
        return null;
    }

    void added(PeerId provider) {
        perPeer.merge(provider, 1, Integer::sum);
        total++;
    }

    void removed(PeerId provider) {
        perPeer.computeIfPresent(provider, (p, n) -> n > 1 ? n - 1 : null);
        total--;
    }

    long total() {
        return total;
    }
}
