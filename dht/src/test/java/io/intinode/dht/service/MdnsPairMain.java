package io.intinode.dht.service;

import io.intinode.dht.mdns.MdnsConfig;
import io.intinode.dht.mdns.MdnsDiscovery;
import io.intinode.p2p.host.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Run by {@link MdnsDiscoveryIT} inside a network namespace of its own, never on the host's network: two DHT
 * nodes with mDNS on {@code lo} and no bootstrap peers must find each other. Exit 0 when each has the other in
 * its routing table as a LAN peer.
 */
public final class MdnsPairMain {
    private MdnsPairMain() {}

    public static void main(String[] args) throws Exception {
        MdnsConfig config = new MdnsConfig(MdnsConfig.DEFAULT_SERVICE_NAME, Duration.ofSeconds(1), Optional.of("lo"));
        List<MdnsDiscovery> discovery = new ArrayList<>();
        try (LoopbackNetwork net = new LoopbackNetwork(2, DhtConfig.defaults(), false)) {
            for (int i = 0; i < 2; i++) {
                Host h = net.hosts.get(i);
                discovery.add(MdnsDiscovery.start(config, h.peerId(), h::listenAddrs, net.dhts.get(i)::discovered));
            }
            LoopbackNetwork.await(() -> knows(net, 0, 1) && knows(net, 1, 0), "each node to find the other");
            System.out.println("discovered: " + net.hosts.get(0).peerId() + " <-> " + net.hosts.get(1).peerId());
        } finally {
            discovery.forEach(MdnsDiscovery::close);
        }
        System.exit(0);
    }

    private static boolean knows(LoopbackNetwork net, int a, int b) {
        var other = net.hosts.get(b).peerId();
        Dht d = net.dhts.get(a);
        return d.lanPeers().contains(other) && d.contacts().stream().anyMatch(c -> c.peer().id().equals(other)
                && c.lan());
    }
}
