package io.intinode.node.daemon;

import io.intinode.node.office.LanPeers;
import io.intinode.node.office.OfficeClient;
import io.intinode.node.office.OfficeServer;
import io.intinode.node.seeding.GateConfig;
import io.intinode.node.seeding.SeedingGate;
import io.intinode.node.seeding.SystemReadings;
import io.intinode.node.seeding.UploadLedger;
import io.intinode.node.share.ProbedClassCounter;
import io.intinode.node.share.ServeProbe;
import io.intinode.node.share.ShareService;
import io.intinode.node.share.ShareSettings;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.store.BlobStore;
import io.intinode.transfer.blob.BlobServer;
import io.intinode.transfer.blob.PeerChunkSource;
import io.intinode.transfer.blob.UploadConfig;
import io.intinode.transfer.resolve.ResolveListener;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.resolve.ResolverChain;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Sharing in the running node, wired in one place: the share service (policy rounds, class counts with serve
 * probes), the LAN-only office protocol, the seeding gate and the blob server that serves only what is
 * announced in the asker's scope.
 */
public record NodeShare(ShareService service, SeedingGate gate) implements AutoCloseable {
    /** How long one peer gets to answer a serve probe or an office query. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

    public static NodeShare start(P2pNode node, NodeDht dht, BlobStore store, ResolverChain resolver,
            ResolveListener listener, ShareSettings settings, GateConfig gates, UploadConfig uploads,
            Path dataDir) {
        Host host = node.host();
        Clock clock = Clock.systemUTC();
        SeedingGate gate = new SeedingGate(gates, UploadLedger.open(dataDir.resolve("upload-ledger"), gates.zone(),
                clock.instant()), clock, SystemReadings::read);
        LanPeers lan = new LanPeers(dht.dht()::lanPeers, host::connection);
        ProbedClassCounter counter = new ProbedClassCounter(ProbedClassCounter.dht(dht.dht(), PEER_TIMEOUT),
                host.peerId(), () -> lanPeers(host, dht, lan),
                new OfficeClient(host, PEER_TIMEOUT), addr -> new PeerChunkSource(host, addr, PEER_TIMEOUT),
                new ServeProbe(store, new SecureRandom()), PEER_TIMEOUT);
        ShareService service = new ShareService(settings, store,
                (digest, size, urls) -> resolver.resolve(new ResolveRequest(digest, size, urls), listener),
                counter, counter, gate, dht.providing(), clock);
        new OfficeServer(lan::isLan, service::officeAnswer).install(host);
        new BlobServer(store, (blob, peer) -> service.announced().mayServe(blob, lan.isLan(peer)), uploads,
                System::nanoTime, gate).install(host);
        return new NodeShare(service.start(), gate);
    }

    /** The connected LAN peers, each with an address that reuses its connection. */
    private static Map<PeerId, Multiaddr> lanPeers(Host host, NodeDht dht, LanPeers lan) {
        Map<PeerId, Multiaddr> out = new HashMap<>();
        for (PeerId id : dht.dht().lanPeers()) {
            host.connection(id).filter(lan::isLan).ifPresent(c -> out.put(id, c.remoteAddr().withPeerId(id)));
        }
        return out;
    }

    @Override
    public void close() {
        service.close();
    }
}
