package io.intinode.node.daemon;

import io.intinode.node.api.ApiServer;
import io.intinode.node.share.ShareAnnouncer;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the running node offers on this host, wired in one place over its p2p stack and DHT: the blob cache,
 * the resolver chain, metrics, the share announcer and the local API.
 */
public record LocalServices(BlobStore store, WebseedFetcher webseed, ShareAnnouncer share, ApiServer api)
        implements AutoCloseable {

    /** Opens the cache in {@code dataDir} and starts the API; on failure everything opened here is closed. */
    public static LocalServices start(Path dataDir, StoreConfig storeConfig, P2pNode node, NodeDht dht,
            Set<Digest> denied, boolean sharing, Optional<ApiServer.TcpListen> tcp) throws IOException {
        BlobStore store = FileBlobStore.open(dataDir, storeConfig);
        WebseedFetcher webseed = new WebseedFetcher(store, WebseedConfig.DEFAULTS, InstantSource.system());
        try {
            NodeMetrics metrics = new NodeMetrics(Map.of(
                    "intinode_peers_connected", () -> node.host().connections().size(),
                    "intinode_cache_bytes", store::usedBytes), dht.dht()::metrics);
            ShareAnnouncer share = ShareAnnouncer.start(store, dht.providing(), denied, sharing);
            ApiServer api = ApiServer.start(dataDir, new NodeService(node.host(), dht.dht(), store,
                    ResolverChain.standard(store, webseed), metrics, share, dataDir), tcp);
            return new LocalServices(store, webseed, share, api);
        } catch (IOException | RuntimeException e) {
            webseed.close();
            store.close();
            throw e;
        }
    }

    @Override
    public void close() {
        api.close();
        webseed.close();
        store.close();
    }
}
