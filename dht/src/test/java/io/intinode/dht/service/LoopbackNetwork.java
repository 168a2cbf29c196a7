package io.intinode.dht.service;

import io.intinode.dht.providers.InMemoryProviderStore;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identify.IdentifyService;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.ping.PingProtocol;
import io.intinode.p2p.yamux.YamuxMuxer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Real hosts with the DHT on 127.0.0.1, in this JVM; unless told not to, all bootstrap from the first. */
final class LoopbackNetwork implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    final List<Host> hosts = new ArrayList<>();
    final List<Dht> dhts = new ArrayList<>();

    LoopbackNetwork(int size, DhtConfig config) throws InterruptedException {
        this(size, config, true);
    }

    LoopbackNetwork(int size, DhtConfig config, boolean bootstrap) throws InterruptedException {
        this(size, config, bootstrap, Clock.systemUTC());
    }

    LoopbackNetwork(int size, DhtConfig config, boolean bootstrap, Clock clock) throws InterruptedException {
        for (int i = 0; i < size; i++) {
            Identity id = Identity.generate(RANDOM);
            HostConfig hc = HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")));
            Host host = new Host(id, new HostConfig(hc.listenAddrs(), hc.dialTimeout(), hc.upgradeTimeout(),
                    hc.negotiationTimeout(), hc.maxConnections(), hc.maxConnectionsPerPeer(),
                    // every peer dials from 127.0.0.1, up to two connections each: the per-IP cap must admit them all
                    Math.max(hc.maxConnectionsPerIp(), 2 * size),
                    hc.idleTimeout(), 1, hc.agentVersion()), new NoiseTransport(id, RANDOM), new YamuxMuxer());
            hosts.add(host);
            PingProtocol.install(host);
            IdentifyService identify = IdentifyService.install(host);
            DhtConfig dc = i == 0 || !bootstrap ? config : config.withBootstrap(List.of(addr(0)));
            dhts.add(Dht.start(host, identify, dc, new InMemoryProviderStore(dc.providers()), clock));
            host.start();
        }
        List<Thread> joins = new ArrayList<>();
        for (Dht d : dhts.subList(1, size)) {
            joins.add(Thread.ofVirtual().start(() -> {
                try {
                    d.bootstrap();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : joins) {
            t.join();
        }
    }

    Multiaddr addr(int i) {
        return hosts.get(i).listenAddrs().getFirst().withPeerId(hosts.get(i).peerId());
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10); // polling interval of a bounded wait on a condition
        }
    }

    @Override
    public void close() {
        dhts.forEach(Dht::close);
        hosts.forEach(Host::close);
    }
}
