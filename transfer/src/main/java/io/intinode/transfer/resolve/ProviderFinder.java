package io.intinode.transfer.resolve;

import io.intinode.store.Digest;
import java.util.List;

/**
 * Where peers come from, for the peer stages of the chain; the node implements it with mDNS and the
 * DHT. Both calls block for a bounded time and return what they found.
 */
public interface ProviderFinder {
    /** Finds no one: a node without peers. */
    ProviderFinder NONE = new ProviderFinder() {
        @Override
        public List<Provider> lanPeers(Digest digest) {
            return List.of();
        }

        @Override
        public List<Provider> dhtProviders(Digest digest) {
            return List.of();
        }
    };

    /** Known peers on the local network, to ask directly (they may or may not have the blob). */
    List<Provider> lanPeers(Digest digest);

    /** Providers of the blob found by a DHT lookup. */
    List<Provider> dhtProviders(Digest digest);
}
