package io.intinode.dht.service;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.protocol.KadCodec;
import io.intinode.dht.protocol.KadMessage;
import io.intinode.dht.providers.ProviderStore;
import io.intinode.dht.query.Goal;
import io.intinode.dht.query.Lookup;
import io.intinode.dht.query.LookupConfig;
import io.intinode.dht.query.LookupResult;
import io.intinode.dht.routing.Contact;
import io.intinode.p2p.host.ConnectionListener;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identify.IdentifyInfo;
import io.intinode.p2p.identify.IdentifyService;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.upgrade.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kad-dht service on a {@link Host}: answers the protocol, keeps the routing table (a peer enters once
 * identify lists our protocol and it answered a ping), and runs lookups to provide and find blobs and peers.
 * Blocking methods are meant for virtual threads.
 */
public final class Dht implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dht.class);

    private final Host host;
    private final IdentifyService identify;
    private final DhtConfig config;
    private final ProviderStore providers;
    private final Clock clock;
    private final KadCodec codec;
    private final Membership members;
    private final KadServer server;
    private final LookupDriver driver;
    private final DhtMetrics metrics = new DhtMetrics();
    private final Map<Key, Instant> provided = new ConcurrentHashMap<>();
    private final ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dht-maintenance").factory());

    private Dht(Host host, IdentifyService identify, DhtConfig config, ProviderStore providers, Clock clock) {
        this.host = host;
        this.identify = identify;
        this.config = config;
        this.providers = providers;
        this.clock = clock;
        this.codec = new KadCodec(config.limits());
        this.members = new Membership(host, identify, config, clock);
        KadResponder responder = new KadResponder(providers, k -> members.closest(k, config.routing().bucketSize()),
                config.limits().maxPeersPerList());
        this.server = new KadServer(codec, responder, identify, clock, config.lookup().requestTimeout().multipliedBy(10));
        this.driver = new LookupDriver(new KadClient(host, config.protocolId(), codec), clock,
                config.lookup().requestTimeout(), members::requestFailed);
    }

    /** Registers the protocol on {@code host} and starts maintenance; call {@link #bootstrap} to join. */
    public static Dht start(Host host, IdentifyService identify, DhtConfig config, ProviderStore providers,
            Clock clock) {
        Dht dht = new Dht(host, identify, config, providers, clock);
        host.setHandler(config.protocolId(), dht.server::serve);
        host.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                Thread.ofVirtual().name("dht-verify").start(() -> dht.members.verify(c.remotePeer()));
            }
        });
        long every = config.maintenanceInterval().toMillis();
        // on the scheduler's own thread, so rounds never overlap; it is no event loop, blocking is fine
        dht.maintenance.scheduleWithFixedDelay(dht::maintain,
                every, every, TimeUnit.MILLISECONDS);
        return dht;
    }

    public DhtConfig config() {
        return config;
    }

    // ---- routing table ----

    /** Marks a peer found on the local network (mDNS): exempt from subnet caps, preferred for transfers. */
    public void markLan(PeerId peer) {
        members.markLan(peer);
    }

    /**
     * A peer found on the LAN (mDNS): marked as a LAN peer and dialled; once connected it is verified like any
     * other before it enters the table.
     */
    public void discovered(PeerInfo peer) {
        members.discovered(peer);
    }

    public int routingTableSize() {
        return members.size();
    }

    public List<Contact> contacts() {
        return members.contacts();
    }

    public Set<PeerId> lanPeers() {
        return members.lanPeers();
    }


    // ---- joining ----

    /**
     * Connects to the configured bootstrap peers, waits until each is verified (bounded by the verify timeout),
     * then looks up our own id so peers near us learn of us and we of them, then refreshes the farther buckets.
     */
    public void bootstrap() throws InterruptedException {
        List<Thread> joins = new ArrayList<>();
        for (Multiaddr addr : config.bootstrap()) {
            joins.add(Thread.ofVirtual().name("dht-bootstrap").start(() -> {
                try {
                    host.connect(addr).get(config.verifyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    members.verify(addr.peerId().orElseThrow());
                } catch (Exception e) {
                    log.info("bootstrap peer {} unreachable: {}", addr, e.getMessage());
                }
            }));
        }
        for (Thread t : joins) {
            t.join();
        }
        LookupResult self = lookup(members.self(), new Goal.ClosestPeers(), config.lookup(), p -> {});
        // a self lookup only meets peers near us; refreshing the farther buckets now, as Kademlia and
        // go-libp2p-kad-dht do after joining, makes us known across the key space instead of after the first
        // refresh interval. Buckets deeper than our k-th closest peer's hold only peers nearer than it, all of
        // which the self lookup has met, so they need no refresh.
        int deepest = self.closest().size() < config.lookup().k() ? Integer.MAX_VALUE
                : members.self().distance(self.closest().getLast().key()).commonPrefixLength();
        List<Integer> farther = members.staleBuckets(clock.instant().plus(config.routing().refreshInterval())).stream()
                .filter(cpl -> cpl <= deepest).toList();
        refresh(farther);
    }

    /**
     * Looks up a random key in each of {@code buckets}, at most α lookups at once, each bounded by the lookup
     * timeout: one after another, a join waited for as many lookups as there are buckets.
     */
    private void refresh(List<Integer> buckets) throws InterruptedException {
        Semaphore slots = new Semaphore(config.lookup().alpha());
        SplittableRandom random = new SplittableRandom();
        try (ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int cpl : buckets) {
                Optional<Key> target = Key.randomAt(members.self(), cpl, random, 1 << 17);
                if (target.isEmpty()) {
                    continue;
                }
                slots.acquire();
                lookups.execute(() -> {
                    try {
                        lookup(target.get(), new Goal.ClosestPeers(), config.lookup(), p -> {});
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    // ---- lookups ----

    LookupResult lookup(Key key, Goal goal, LookupConfig lookupConfig, Consumer<PeerInfo> onProvider)
            throws InterruptedException {
        Instant start = clock.instant();
        Lookup lookup = new Lookup(key, goal, lookupConfig, host.peerId(), members.closest(key, lookupConfig.k()),
                start);
        LookupResult result = driver.run(lookup, onProvider);
        members.lookupDone(key, clock.instant());
        metrics.lookupDone(Duration.between(start, clock.instant()));
        return result;
    }

    /**
     * Announces that we provide {@code key}: stores our own record, finds the k closest peers and sends each an
     * ADD_PROVIDER. Republished by maintenance until {@link #unprovide}. Returns how many peers were told.
     */
    public int provide(Key key) throws InterruptedException {
        PeerInfo self = new PeerInfo(host.peerId(), host.listenAddrs());
        providers.add(key, self, clock.instant());
        provided.put(key, clock.instant());
        LookupResult closest = lookup(key, new Goal.ClosestPeers(), config.lookup(), p -> {});
        KadClient client = new KadClient(host, config.protocolId(), codec);
        KadMessage announce = new KadMessage.AddProvider(key, List.of(self));
        List<Thread> sends = new ArrayList<>();
        int[] told = {0};
        for (PeerInfo p : closest.closest()) {
            sends.add(Thread.ofVirtual().name("dht-provide").start(() -> {
                try {
                    client.request(p, announce, config.lookup().requestTimeout());
                    synchronized (told) {
                        told[0]++;
                    }
                    metrics.provideSent();
                } catch (Exception e) {
                    log.debug("ADD_PROVIDER to {} failed: {}", p.id(), e.getMessage());
                }
            }));
        }
        for (Thread t : sends) {
            t.join();
        }
        synchronized (told) {
            return told[0];
        }
    }

    /** Stops announcing {@code key} (blob evicted or unshared) and drops our own record. */
    public void unprovide(Key key) {
        provided.remove(key);
        providers.remove(key, host.peerId());
    }

    /**
     * Finds up to {@code wanted} providers of {@code key}, streaming each to {@code onProvider} as it is found:
     * first those in our own store, then those the lookup turns up.
     */
    public FoundProviders findProviders(Key key, int wanted, Duration timeout, Consumer<PeerInfo> onProvider)
            throws InterruptedException {
        LinkedHashSet<PeerInfo> found = new LinkedHashSet<>();
        Set<PeerId> seen = ConcurrentHashMap.newKeySet();
        Consumer<PeerInfo> stream = p -> {
            if (seen.add(p.id())) {
                found.add(p);
                onProvider.accept(p);
            }
        };
        providers.get(key, clock.instant(), wanted).forEach(stream);
        if (found.size() >= wanted) {
            return new FoundProviders(List.copyOf(found), 0, 0);
        }
        LookupResult r = lookup(key, new Goal.Providers(wanted), config.lookup().withTimeout(timeout), stream);
        return new FoundProviders(List.copyOf(found), r.requests(), r.hops());
    }

    /** The addresses of {@code peer}: from our connection to it if any, else from a lookup. */
    public Optional<PeerInfo> findPeer(PeerId peer, Duration timeout) throws InterruptedException {
        Optional<IdentifyInfo> known = identify.info(peer);
        if (host.connection(peer).isPresent() && known.isPresent()) {
            return Optional.of(new PeerInfo(peer, known.get().listenAddrs()));
        }
        return lookup(Key.ofPeer(peer), new Goal.Peer(peer), config.lookup().withTimeout(timeout), p -> {}).peer();
    }

    public DhtMetrics.Snapshot metrics() {
        return metrics.snapshot(routingTableSize(), providers.size());
    }

    // ---- maintenance ----

    private void maintain() {
        try {
            Instant now = clock.instant();
            providers.purgeExpired(now);
            if (routingTableSize() == 0 && !config.bootstrap().isEmpty()) {
                log.info("routing table is empty: bootstrapping again");
                bootstrap();
            }
            refresh(members.staleBuckets(now));
            for (Map.Entry<Key, Instant> e : provided.entrySet()) {
                if (!e.getValue().plus(config.providers().republishInterval()).isAfter(now)) {
                    provide(e.getKey());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("DHT maintenance failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
    }
}
