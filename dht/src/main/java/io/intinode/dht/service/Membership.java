package io.intinode.dht.service;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.routing.Contact;
import io.intinode.dht.routing.Insertion;
import io.intinode.dht.routing.RoutingTable;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identify.IdentifyInfo;
import io.intinode.p2p.identify.IdentifyService;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.ping.PingProtocol;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in the routing table: carries out the table's decisions with I/O (identify, ping) and serialises
 * access to it. A peer enters only once identify lists our DHT protocol and it answered a ping; a full bucket's
 * oldest contact is pinged before it may be replaced; a contact we can no longer reach leaves.
 */
final class Membership {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);
    private final Host host;
    private final IdentifyService identify;
    private final DhtConfig config;
    private final Clock clock;
    private final RoutingTable table;
    private final Set<PeerId> lanPeers = ConcurrentHashMap.newKeySet();

    Membership(Host host, IdentifyService identify, DhtConfig config, Clock clock) {
        this.host = host;
        this.identify = identify;
        this.config = config;
        this.clock = clock;
        this.table = new RoutingTable(Key.ofPeer(host.peerId()), config.routing(), clock.instant());
    }

    Key self() {
        return table.self();
    }
    /** Marks a peer found on the local network (mDNS): exempt from subnet caps, preferred for transfers. */
    void markLan(PeerId peer) {
        lanPeers.add(peer);
    }

    /**
     * A peer found on the LAN (mDNS): marked as a LAN peer and dialled; once connected it is verified like any
     * other before it enters the table.
     */
    void discovered(PeerInfo peer) {
        if (peer.id().equals(host.peerId()) || host.connection(peer.id()).isPresent()) {
            return;
        }
        lanPeers.add(peer.id());
        Thread.ofVirtual().name("dht-lan-dial").start(() -> {
            for (Multiaddr a : peer.addrs().stream().limit(3).toList()) {
                try {
                    host.connect(a.withPeerId(peer.id())).get(config.verifyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (Exception e) {
                    log.debug("LAN peer {} not reachable at {}: {}", peer.id(), a, e.getMessage());
                }
            }
        });
    }

    /** Identify, then ping, then offer: only peers that speak our protocol and answer enter the table. */
    void verify(PeerId peer) {
        try {
            IdentifyInfo info = identify.future(peer).get(config.verifyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!info.protocols().contains(config.protocolId()) || info.listenAddrs().isEmpty()) {
                return;
            }
            Multiaddr addr = info.listenAddrs().getFirst().withPeerId(peer);
            PingProtocol.ping(host, addr, 1, config.verifyTimeout());
            Insertion result;
            synchronized (table) {
                result = table.offer(new PeerInfo(peer, info.listenAddrs()), lanPeers.contains(peer), clock.instant());
            }
            if (result instanceof Insertion.PingFirst(PeerInfo oldest) && oldest != null) {
                boolean alive = pings(oldest);
                synchronized (table) {
                    table.pingResult(oldest.id(), alive, clock.instant());
                }
            } else if (result instanceof Insertion.Rejected(String reason)) {
                log.debug("{} not added to the routing table: {}", peer, reason);
            }
        } catch (Exception e) {
            log.debug("not adding {} to the routing table: {}", peer, e.getMessage());
        }
    }

    private boolean pings(PeerInfo peer) {
        for (Multiaddr a : peer.addrs()) {
            try {
                PingProtocol.ping(host, a.withPeerId(peer.id()), 1, config.verifyTimeout());
                return true;
            } catch (RuntimeException e) {
                log.debug("ping of {} at {} failed: {}", peer.id(), a, e.getMessage());
            }
        }
        return false;
    }

    /** A contact we cannot even connect to any more leaves the table (its replacement, if any, moves in). */
    void requestFailed(PeerId peer) {
        if (host.connection(peer).isEmpty()) {
            synchronized (table) {
                table.remove(peer);
            }
        }
    }

    List<PeerInfo> closest(Key key, int count) {
        synchronized (table) {
            return table.closest(key, count);
        }
    }

    int size() {
        synchronized (table) {
            return table.size();
        }
    }

    List<Contact> contacts() {
        synchronized (table) {
            return table.contacts();
        }
    }

    Set<PeerId> lanPeers() {
        return Set.copyOf(lanPeers);
    }


    void lookupDone(Key target, Instant now) {
        synchronized (table) {
            table.lookupDone(target, now);
        }
    }

    List<Integer> staleBuckets(Instant now) {
        synchronized (table) {
            return table.staleBuckets(now);
        }
    }
}
