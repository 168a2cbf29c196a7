package io.intinode.node.daemon;

import io.intinode.dht.core.Key;
import io.intinode.dht.mdns.MdnsConfig;
import io.intinode.dht.mdns.MdnsDiscovery;
import io.intinode.dht.providers.ProviderStore;
import io.intinode.dht.providers.RocksDbProviderStore;
import io.intinode.dht.service.Dht;
import io.intinode.dht.service.DhtConfig;
import io.intinode.node.share.ShareAnnouncer;
import io.intinode.store.Digest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The node's DHT: the kad-dht service on the node's host, provider records in RocksDB under the data dir, and
 * mDNS discovery of LAN peers when enabled.
 */
public record NodeDht(Dht dht, ProviderStore providers, Optional<MdnsDiscovery> mdns) implements AutoCloseable {

    /** Registers the DHT protocol on the host; call before the host starts so identify lists it. */
    public static NodeDht start(P2pNode node, Path dataDir, DhtConfig config) {
        ProviderStore providers = RocksDbProviderStore.open(dataDir.resolve("dht-providers"), config.providers());
        return new NodeDht(Dht.start(node.host(), node.identify(), config, providers, Clock.systemUTC()), providers,
                Optional.empty());
    }

    /** Starts mDNS discovery once the host listens; discovered peers are dialled and verified by the DHT. */
    public NodeDht withMdns(P2pNode node, MdnsConfig config) {
        MdnsDiscovery discovery = MdnsDiscovery.start(config, node.host().peerId(), node.host()::listenAddrs,
                dht::discovered);
        return new NodeDht(dht, providers, Optional.of(discovery));
    }

    /** Blob announcements as the share announcer makes them: provider records under the blob's key. */
    public ShareAnnouncer.Providing providing() {
        return new ShareAnnouncer.Providing() {
            @Override
            public void provide(Digest digest) throws InterruptedException {
                dht.provide(Key.ofBlob(digest));
            }

            @Override
            public void unprovide(Digest digest) {
                dht.unprovide(Key.ofBlob(digest));
            }
        };
    }

    @Override
    public void close() {
        mdns.ifPresent(MdnsDiscovery::close);
        dht.close();
        providers.close();
    }
}
