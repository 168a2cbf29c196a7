package io.intinode.node.daemon;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.service.Dht;
import io.intinode.node.api.ApiException;
import io.intinode.node.api.CacheMaintenance;
import io.intinode.node.api.NodeApi;
import io.intinode.node.share.ShareService;
import io.intinode.node.share.ShareStatus;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.upgrade.Connection;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.resolve.BlobUnavailableException;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.resolve.ResolverChain;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The running node as the local API sees it: its host, DHT, cache and resolver chain. */
public final class NodeService implements NodeApi {
    private final Host host;
    private final Dht dht;
    private final FileBlobStore store;
    private final ResolverChain resolver;
    private final NodeMetrics metrics;
    private final ShareService share;
    private final Path dataDir;

    public NodeService(Host host, Dht dht, FileBlobStore store, ResolverChain resolver, NodeMetrics metrics,
            ShareService share, Path dataDir) {
        this.share = share;
        this.host = host;
        this.dht = dht;
        this.store = store;
        this.resolver = resolver;
        this.metrics = metrics;
        this.dataDir = dataDir;
    }

    @Override
    public Status status() {
        return new Status(host.peerId().toString(), host.listenAddrs().stream().map(Multiaddr::toString).toList(),
                dht.config().protocolId(), dht.routingTableSize(), host.connections().size(), store.usedBytes(),
                dataDir.toString());
    }

    @Override
    public Peers peers() {
        Set<PeerId> lan = dht.lanPeers();
        List<Peer> connected = new ArrayList<>();
        for (Connection c : host.connections()) {
            connected.add(new Peer(c.remotePeer().toString(), lan.contains(c.remotePeer()),
                    List.of(c.remoteAddr().toString())));
        }
        return new Peers(dht.routingTableSize(), connected);
    }

    @Override
    public List<Peer> providers(Digest digest, int max, Duration timeout) throws InterruptedException {
        return dht.findProviders(Key.ofBlob(digest), max, timeout, p -> { }).providers().stream()
                .map(this::peer).toList();
    }

    @Override
    public int provide(Digest digest) throws InterruptedException {
        return dht.provide(Key.ofBlob(digest));
    }

    @Override
    public Optional<Peer> findPeer(String peerId, Duration timeout) throws InterruptedException {
        PeerId id;
        try {
            id = PeerId.parse(peerId);
        } catch (IdentityException e) {
            throw new ApiException(400, "bad peer id: " + e.getMessage());
        }
        return dht.findPeer(id, timeout).map(this::peer);
    }

    @Override
    public Optional<BlobHandle> blob(Digest digest, long size, List<String> urls, boolean shareable) {
        Optional<BlobHandle> cached = store.open(digest);
        metrics.lookup(cached.isPresent());
        if (cached.isPresent()) {
            return cached;
        }
        try (AutoCloseable running = metrics.transfer()) {
            resolver.resolve(new ResolveRequest(digest, size, urls), metrics);
        } catch (BlobUnavailableException e) {
            throw new ApiException(404, e.getMessage());
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        if (shareable) {
            share.markShareable(digest);
        }
        return store.open(digest);
    }

    @Override
    public Added add(InputStream body, Optional<Digest> digest, long size) {
        try {
            BlobInfo blob = store.ingest(body, new BlobStore.Expected(digest.orElse(null), size), Origin.LOCAL);
            share.markShareable(blob.digest()); // added by its owner, no stub to say "share":false
            return new Added(blob.digest().toString(), blob.size());
        } catch (BlobMismatchException e) {
            throw new ApiException(422, e.getMessage());
        }
    }

    @Override
    public boolean sharing() {
        return share.sharing();
    }

    @Override
    public void setSharing(boolean on) {
        share.setSharing(on);
    }

    @Override
    public ShareStatus shareStatus() {
        return share.status();
    }

    @Override
    public String metrics() {
        return metrics.scrape();
    }

    private Peer peer(PeerInfo p) {
        return new Peer(p.id().toString(), dht.lanPeers().contains(p.id()),
                p.addrs().stream().map(Multiaddr::toString).toList());
    }

    @Override
    public CacheMaintenance cache() {
        return new CacheMaintenance(store);
    }
}
