package io.intinode.node.share;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.service.Dht;
import io.intinode.node.office.OfficeAnswer;
import io.intinode.node.office.OfficeClient;
import io.intinode.node.office.OfficeProtocolException;
import io.intinode.node.privacy.ClassCounts;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.store.Digest;
import io.intinode.transfer.download.ChunkSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Class counts from the network: globally, the DHT providers of the level's marker key; on the LAN, the LAN
 * peers whose office answer names the same marker. Each peer counts only if it passes a {@link ServeProbe};
 * this host counts itself once in each. Bounded: at most {@link #MAX_PEERS} peers are probed per count, in
 * parallel, each within the probe timeout. Also the {@link LanSurvey} of the stand-in rule: every LAN peer's
 * office answer (at most {@link #MAX_SURVEYED}), and serve probes of the levels they claim.
 */
public final class ProbedClassCounter implements ShareService.ClassCounter, LanSurvey {
    /** Enough to see a class of k = 5 through a few failing or slow peers, few enough to stay cheap. */
    static final int MAX_PEERS = 20;
    /** LAN peers asked in one survey: an office's worth, asked in parallel. */
    static final int MAX_SURVEYED = 256;

    /** Who provides a marker key: a DHT provider lookup in the node. */
    @FunctionalInterface
    public interface MarkerProviders {
        List<PeerInfo> find(Digest marker, int wanted) throws InterruptedException;
    }

    private final MarkerProviders providers;
    private final PeerId self;
    private final Supplier<Map<PeerId, Multiaddr>> lanPeers;
    private final OfficeClient office;
    private final Function<Multiaddr, ChunkSource> connect;
    private final ServeProbe probe;
    private final Duration timeout;

    /**
     * @param lanPeers the LAN peers and an address of each ending in {@code /p2p/<id>}
     * @param connect the blob protocol client for a peer address
     */
    public ProbedClassCounter(MarkerProviders providers, PeerId self, Supplier<Map<PeerId, Multiaddr>> lanPeers, OfficeClient office,
            Function<Multiaddr, ChunkSource> connect, ServeProbe probe, Duration timeout) {
        this.providers = providers;
        this.self = self;
        this.lanPeers = lanPeers;
        this.office = office;
        this.connect = connect;
        this.probe = probe;
        this.timeout = timeout;
    }

    /** The DHT lookup of a marker's providers, bounded by {@code timeout}. */
    public static MarkerProviders dht(Dht dht, Duration timeout) {
        return (marker, wanted) -> dht.findProviders(Key.ofBlob(marker), wanted, timeout, p -> { }).providers();
    }

    @Override
    public ClassCounts.Count count(Digest marker, Set<Digest> levelBlobs) throws InterruptedException {
        Map<PeerId, Multiaddr> global = new HashMap<>();
        for (PeerInfo p : providers.find(marker, MAX_PEERS + 1)) {
            if (!p.id().equals(self) && !p.addrs().isEmpty() && global.size() < MAX_PEERS) {
                global.put(p.id(), p.addrs().getFirst().withPeerId(p.id()));
            }
        }
        Map<PeerId, Multiaddr> lan = new HashMap<>();
        for (Map.Entry<PeerId, Multiaddr> e : lanPeers.get().entrySet()) {
            if (!e.getKey().equals(self) && lan.size() < MAX_PEERS) {
                lan.put(e.getKey(), e.getValue());
            }
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<PeerId, Future<Boolean>> probes = new HashMap<>();
            global.forEach((id, addr) -> probes.put(id, pool.submit(() -> probe.probe(connect.apply(addr), levelBlobs))));
            List<Future<Boolean>> lanVotes = new ArrayList<>();
            lan.forEach((id, addr) -> lanVotes.add(pool.submit(() -> sameLevel(addr, marker)
                    && (probes.containsKey(id) ? probes.get(id).get() : probe.probe(connect.apply(addr), levelBlobs)))));
            int g = 1 + passed(probes.values());
            int l = 1 + passed(lanVotes);
            return new ClassCounts.Count(g, l);
        }
    }

    @Override
    public PeerId self() {
        return self;
    }

    @Override
    public List<Answer> survey() throws InterruptedException {
        Map<PeerId, Multiaddr> lan = lanPeers.get();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<PeerId, Future<OfficeAnswer>> asked = new HashMap<>();
            for (Map.Entry<PeerId, Multiaddr> e : lan.entrySet()) {
                if (!e.getKey().equals(self) && asked.size() < MAX_SURVEYED) {
                    asked.put(e.getKey(), pool.submit(() -> office.ask(e.getValue())));
                }
            }
            List<Answer> out = new ArrayList<>();
            for (Map.Entry<PeerId, Future<OfficeAnswer>> e : asked.entrySet()) {
                try {
                    out.add(new Answer(e.getKey(), e.getValue().get(2 * timeout.toNanos(), TimeUnit.NANOSECONDS)
                            .levelMarker()));
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
                    e.getValue().cancel(true); // no answer: neither empty nor announcing
                }
            }
            return out;
        }
    }

    @Override
    public boolean serves(PeerId peer, Set<Digest> levelBlobs) {
        Multiaddr addr = lanPeers.get().get(peer);
        return addr != null && probe.probe(connect.apply(addr), levelBlobs);
    }

    private boolean sameLevel(Multiaddr addr, Digest marker) throws InterruptedException {
        try {
            OfficeAnswer a = office.ask(addr);
            return a.levelMarker().equals(Optional.of(marker));
        } catch (OfficeProtocolException e) {
            return false;
        }
    }

    /** Each probe is bounded by the blob client's own timeout; a peer that fails any way does not count. */
    private int passed(Iterable<Future<Boolean>> futures) throws InterruptedException {
        int n = 0;
        for (Future<Boolean> f : futures) {
            try {
                if (f.get(2 * timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    n++;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                f.cancel(true);
            }
        }
        return n;
    }
}
