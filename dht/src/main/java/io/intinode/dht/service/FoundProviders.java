package io.intinode.dht.service;

import io.intinode.dht.core.PeerInfo;
import java.util.List;

/**
 * What {@link Dht#findProviders} found.
 *
 * @param requests GET_PROVIDERS requests sent (0 when our own store already had enough)
 * @param hops sequential request rounds until the first provider (see {@code LookupResult#hops})
 */
public record FoundProviders(List<PeerInfo> providers, int requests, int hops) {
    public FoundProviders {
        providers = List.copyOf(providers);
    }
}
