package io.intinode.node.daemon;

import io.intinode.node.api.ApiServer;
import io.intinode.node.seeding.GateConfig;
import io.intinode.node.share.ShareSettings;
import io.intinode.store.BlobStore;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.transfer.blob.PeerChunkSource;
import io.intinode.transfer.blob.UploadConfig;
import io.intinode.transfer.download.BanList;
import io.intinode.transfer.download.DownloadConfig;
import io.intinode.transfer.download.Downloader;
import io.intinode.transfer.download.PartialArea;
import io.intinode.transfer.resolve.PeerSources;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * What the running node offers on this host, wired in one place over its p2p stack and DHT: the blob cache,
 * the resolver chain (cache, LAN peers, DHT providers, webseed), metrics, sharing (with the blob server) and the
 * local API.
 */
public record LocalServices(BlobStore store, WebseedFetcher webseed, NodeShare share, ApiServer api)
        implements AutoCloseable {
    /** The longest one blob-protocol call to a peer may take (a chunk list, or one chunk of 1 MiB). */
    static final Duration PEER_CALL_TIMEOUT = Duration.ofSeconds(30);

    /** Opens the cache in {@code dataDir} and starts the API; on failure everything opened here is closed. */
    public static LocalServices start(Path dataDir, StoreConfig storeConfig, P2pNode node, NodeDht dht,
            ShareSettings sharing, GateConfig gates, UploadConfig uploads, Optional<ApiServer.TcpListen> tcp)
            throws IOException {
        FileBlobStore store = FileBlobStore.open(dataDir, storeConfig);
        // One partial area for peer downloads and webseed fetches: one partial per digest, resumed after a restart.
        PartialArea partials = new PartialArea(dataDir.resolve("partial"));
        WebseedFetcher webseed = new WebseedFetcher(store, WebseedConfig.DEFAULTS, InstantSource.system(), partials);
        try {
            NodeMetrics metrics = new NodeMetrics(Map.of(
                    "intinode_peers_connected", () -> node.host().connections().size(),
                    "intinode_cache_bytes", store::usedBytes), dht.dht()::metrics);
            ResolverChain resolver = ResolverChain.standard(store, peerSources(partials, node, dht, store), webseed);
            NodeShare share = NodeShare.start(node, dht, store, resolver, metrics, sharing, gates, uploads, dataDir);
            // The blob and office protocols came after the host started: peers already connected learn of them.
            node.identify().pushToAll();
            try {
                ApiServer api = ApiServer.start(dataDir, new NodeService(node.host(), dht.dht(), store, resolver,
                        metrics, share.service(), dataDir), tcp);
                return new LocalServices(store, webseed, share, api);
            } catch (IOException | RuntimeException e) {
                share.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            webseed.close();
            store.close();
            throw e;
        }
    }

    /**
     * The peer stages' sources: LAN peers and DHT providers, each spoken to over the blob protocol through the
     * host (reusing open connections); partial downloads in {@code <data-dir>/partial}, so a restart resumes.
     */
    private static PeerSources peerSources(PartialArea partials, P2pNode node, NodeDht dht, BlobStore store) {
        Downloader downloader = new Downloader(store, partials, DownloadConfig.DEFAULTS,
                new BanList(), InstantSource.system());
        return new PeerSources(new NodeProviderFinder(node.host(), dht.dht(), NodeProviderFinder.Settings.DEFAULTS),
                p -> new PeerChunkSource(node.host(), Multiaddr.parse(p.addresses().getFirst()), PEER_CALL_TIMEOUT),
                downloader, PeerSources.DEFAULT_HEDGE_DELAY);
    }

    @Override
    public void close() {
        api.close();
        share.close();
        webseed.close();
        store.close();
    }
}
