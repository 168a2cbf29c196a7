package io.intinode.node.daemon;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.routing.Contact;
import io.intinode.dht.service.Dht;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Component;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.Protocol;
import io.intinode.store.Digest;
import io.intinode.transfer.resolve.Provider;
import io.intinode.transfer.resolve.ProviderFinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers of the node's resolver chain: LAN peers (found by mDNS or configured) to ask directly, and the
 * providers a DHT lookup finds. Asking for the LAN peers also starts the DHT lookup, so both run in parallel;
 * the DHT stage then takes that lookup's providers as soon as enough have arrived, without waiting for the
 * lookup to end. Each provider comes with one address to dial: its open connection's if there is one (so the
 * transfer reuses it), else the first dialable address it announced.
 */
final class NodeProviderFinder implements ProviderFinder {
    private static final Logger log = LoggerFactory.getLogger(NodeProviderFinder.class);

    /**
     * @param wanted providers the lookup looks for
     * @param enough the DHT stage starts once this many are found
     * @param grace after the first provider, how long to wait for more before starting with fewer than enough
     * @param timeout the longest a lookup runs
     * @param keep how long a lookup's result waits for the DHT stage after the lookup ended
     */
    record Settings(int wanted, int enough, Duration grace, Duration timeout, Duration keep) {
        static final Settings DEFAULTS = new Settings(8, 3, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    private final Host host;
    private final Dht dht;
    private final Settings settings;
    private final ConcurrentHashMap<Digest, Lookup> lookups = new ConcurrentHashMap<>();

    NodeProviderFinder(Host host, Dht dht, Settings settings) {
        this.host = host;
        this.dht = dht;
        this.settings = settings;
    }

    @Override
    public List<Provider> lanPeers(Digest digest) {
        lookup(digest); // the DHT lookup runs while the LAN peers are asked
        List<Provider> out = new ArrayList<>();
        for (PeerId peer : dht.lanPeers()) {
            provider(peer, List.of()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Provider> dhtProviders(Digest digest) {
        Lookup lookup = lookup(digest);
        List<PeerInfo> found;
        try {
            found = lookup.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            lookups.remove(digest, lookup); // a later fetch of this digest looks again
        }
        List<Provider> out = new ArrayList<>();
        for (PeerInfo p : found) {
            if (!p.id().equals(host.peerId())) {
                provider(p.id(), p.addrs()).ifPresent(out::add);
            }
        }
        return out;
    }

    private Lookup lookup(Digest digest) {
        return lookups.computeIfAbsent(digest, d -> {
            Lookup lookup = new Lookup(settings);
            Thread.ofVirtual().name("find-providers").start(() -> {
                try {
                    dht.findProviders(Key.ofBlob(d), settings.wanted(), settings.timeout(), lookup::found);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("finding providers of {} failed: {}", d, e.toString());
                } finally {
                    lookup.end();
                    // Unclaimed (the LAN peers delivered): drop it after a while so the map stays small.
                    CompletableFuture.delayedExecutor(settings.keep().toMillis(), TimeUnit.MILLISECONDS)
                            .execute(() -> lookups.remove(d, lookup));
                }
            });
            return lookup;
        });
    }

    /** The peer with the address to dial it on, if we have one. */
    private Optional<Provider> provider(PeerId peer, List<Multiaddr> announced) {
        Optional<Multiaddr> addr = host.connection(peer).map(c -> c.remoteAddr())
                .or(() -> announced.stream().filter(NodeProviderFinder::dialable).findFirst())
                .or(() -> dht.contacts().stream().filter(c -> c.peer().id().equals(peer)).findFirst()
                        .flatMap(NodeProviderFinder::firstDialable));
        return addr.map(a -> new Provider(peer.toString(), List.of(a.withPeerId(peer).toString())));
    }

    private static Optional<Multiaddr> firstDialable(Contact c) {
        return c.peer().addrs().stream().filter(NodeProviderFinder::dialable).findFirst();
    }

    /** Not a wildcard listen address (0.0.0.0, ::), which says nothing about where the peer is. */
    static boolean dialable(Multiaddr addr) {
        for (Component c : addr.components()) {
            if ((c.protocol() == Protocol.IP4 || c.protocol() == Protocol.IP6) && allZero(c.value())) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** One DHT lookup's providers as they arrive. */
    static final class Lookup {
        private final Settings settings;
        private final List<PeerInfo> found = new ArrayList<>();
        private long firstAt;
        private boolean ended;

        Lookup(Settings settings) {
            this.settings = settings;
        }

        synchronized void found(PeerInfo p) {
            if (found.isEmpty()) {
                firstAt = System.nanoTime();
            }
            found.add(p);
            notifyAll();
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        /** Waits until the lookup ended, enough providers arrived, or the grace after the first one passed. */
        synchronized List<PeerInfo> await() throws InterruptedException {
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            while (!ended && found.size() < settings.enough()) {
                long until = found.isEmpty() ? deadline : Math.min(deadline, firstAt + settings.grace().toNanos());
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(found);
        }
    }
}
