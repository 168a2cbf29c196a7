package io.intinode.node.daemon;

import io.intinode.dht.providers.ProviderStore;
import io.intinode.dht.providers.RocksDbProviderStore;
import io.intinode.dht.service.Dht;
import io.intinode.dht.service.DhtConfig;
import java.nio.file.Path;
import java.time.Clock;

/** The node's DHT: the kad-dht service on the node's host, provider records in RocksDB under the data dir. */
public record NodeDht(Dht dht, ProviderStore providers) implements AutoCloseable {

    /** Registers the DHT protocol on the host; call before the host starts so identify lists it. */
    public static NodeDht start(P2pNode node, Path dataDir, DhtConfig config) {
        ProviderStore providers = RocksDbProviderStore.open(dataDir.resolve("dht-providers"), config.providers());
        return new NodeDht(Dht.start(node.host(), node.identify(), config, providers, Clock.systemUTC()), providers);
    }

    @Override
    public void close() {
        dht.close();
        providers.close();
    }
}
