package io.intinode.bench.dht;

import io.intinode.dht.core.Key;
import io.intinode.dht.providers.InMemoryProviderStore;
import io.intinode.dht.service.Dht;
import io.intinode.dht.service.DhtConfig;
import io.intinode.dht.service.FoundProviders;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identify.IdentifyService;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.ping.PingProtocol;
import io.intinode.p2p.yamux.YamuxMuxer;
import io.intinode.store.Digest;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * find-providers latency in a network of real DHT nodes on 127.0.0.1 in one JVM (real sockets, Noise, yamux).
 * Every node bootstraps from the first; some nodes provide one blob each; then random nodes look up random
 * blobs. The baseline, measured in the same run, is one ping round trip on an open connection (a new stream,
 * multistream-select, 32 bytes each way): a lookup's ratio to it is about the number of sequential request
 * rounds. Reports the first pass (connections being opened) and a second pass (connections open).
 *
 * <p>Usage: {@code bench/dht/run [nodes (100)] [blobs (20)] [queries per pass (300)]}.
 */
public final class FindProvidersBench {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int blobs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        System.out.printf(Locale.ROOT, "%d nodes, %d provided blobs, %d queries per pass, %d cores%n", nodes, blobs,
                queries, Runtime.getRuntime().availableProcessors());
        List<Host> hosts = new ArrayList<>();
        List<Dht> dhts = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            start(nodes, hosts, dhts);
            System.out.printf(Locale.ROOT, "network up in %.1f s; routing table sizes: min %d, median %d;"
                    + " %d connections; heap in use %d MB%n",
                    (System.nanoTime() - t0) / 1e9, dhts.stream().mapToInt(Dht::routingTableSize).min().orElse(0),
                    dhts.stream().mapToInt(Dht::routingTableSize).sorted().skip(nodes / 2).findFirst().orElse(0),
                    hosts.stream().mapToInt(h -> h.connections().size()).sum() / 2, heapUsedMb());
            Random pick = new Random(1);
            List<Key> keys = new ArrayList<>();
            List<PeerId> providers = new ArrayList<>();
            long[] provideNanos = new long[blobs];
            for (int b = 0; b < blobs; b++) {
                byte[] digest = new byte[32];
                RANDOM.nextBytes(digest);
                Key key = Key.ofBlob(Digest.of(digest));
                int p = pick.nextInt(nodes);
                long t1 = System.nanoTime();
                dhts.get(p).provide(key);
                provideNanos[b] = System.nanoTime() - t1;
                keys.add(key);
                providers.add(hosts.get(p).peerId());
            }
            Arrays.sort(provideNanos);
            System.out.printf(Locale.ROOT, "provide (a full FIND_NODE lookup, then ADD_PROVIDER to the k closest):"
                    + " p50 %.2f ms, max %.2f ms%n", provideNanos[blobs / 2] / 1e6, provideNanos[blobs - 1] / 1e6);
            double pingP50 = pingBaseline(hosts, pick);
            for (String pass : List.of("first pass", "second pass")) {
                long gcBefore = gcMillis();
                List<Sample> samples = run(queries, hosts, dhts, keys, providers, pick);
                // a collection pausing the JVM lands in whichever lookup is running: context for the tail
                report(pass + " (GC " + (gcMillis() - gcBefore) + " ms)", samples, pingP50);
            }
        } finally {
            dhts.forEach(Dht::close);
            hosts.forEach(Host::close);
        }
    }

    private static void start(int nodes, List<Host> hosts, List<Dht> dhts) throws InterruptedException {
        for (int i = 0; i < nodes; i++) {
            Identity id = Identity.generate(RANDOM);
            HostConfig d = HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")));
            HostConfig hc = new HostConfig(d.listenAddrs(), d.dialTimeout(), d.upgradeTimeout(),
                    d.negotiationTimeout(), d.maxConnections(), d.maxConnectionsPerPeer(), 4 * nodes,
                    Duration.ofMinutes(10), 1, d.agentVersion());
            Host host = new Host(id, hc, new NoiseTransport(id, RANDOM), new YamuxMuxer());
            PingProtocol.install(host);
            IdentifyService identify = IdentifyService.install(host);
            DhtConfig config = DhtConfig.defaults();
            if (i > 0) {
                config = config.withBootstrap(List.of(addr(hosts.getFirst())));
            }
            dhts.add(Dht.start(host, identify, config, new InMemoryProviderStore(config.providers()),
                    Clock.systemUTC()));
            hosts.add(host.start());
        }
        // joining in small groups keeps handshakes from starving each other on few cores
        for (int from = 1; from < nodes; from += 10) {
            List<Thread> joins = new ArrayList<>();
            for (Dht d : dhts.subList(from, Math.min(nodes, from + 10))) {
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
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static Multiaddr addr(Host h) {
        return h.listenAddrs().getFirst().withPeerId(h.peerId());
    }

    private record Sample(long nanos, int hops, int requests, boolean found) {}

    private static List<Sample> run(int queries, List<Host> hosts, List<Dht> dhts, List<Key> keys,
            List<PeerId> providers, Random pick) throws InterruptedException {
        List<Sample> out = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            int b = pick.nextInt(keys.size());
            int n = pick.nextInt(dhts.size());
            if (hosts.get(n).peerId().equals(providers.get(b))) {
                continue;
            }
            long t0 = System.nanoTime();
            FoundProviders f = dhts.get(n).findProviders(keys.get(b), 1, Duration.ofSeconds(10), p -> {});
            long took = System.nanoTime() - t0;
            boolean found = f.providers().stream().anyMatch(p -> p.id().equals(providers.get(b)));
            out.add(new Sample(took, f.hops(), f.requests(), found));
        }
        return out;
    }

    private static double pingBaseline(List<Host> hosts, Random pick) {
        long[] rtt = new long[200];
        for (int i = 0; i < rtt.length; i++) {
            Host from = hosts.get(pick.nextInt(hosts.size()));
            List<io.intinode.p2p.upgrade.Connection> open = from.connections();
            var c = open.get(pick.nextInt(open.size())); // every node is connected to at least its bootstrap peer
            long t0 = System.nanoTime();
            // with /p2p the host reuses its open connection to that peer
            PingProtocol.ping(from, c.remoteAddr().withPeerId(c.remotePeer()), 1, Duration.ofSeconds(5));
            rtt[i] = System.nanoTime() - t0;
        }
        Arrays.sort(rtt);
        double p50 = rtt[rtt.length / 2] / 1e6;
        System.out.printf(Locale.ROOT, "baseline: one ping round trip on an open connection p50 %.2f ms, p99 %.2f ms%n",
                p50, rtt[rtt.length * 99 / 100] / 1e6);
        return p50;
    }

    private static void report(String pass, List<Sample> samples, double pingP50) {
        long[] ns = samples.stream().mapToLong(Sample::nanos).sorted().toArray();
        int[] hops = samples.stream().mapToInt(Sample::hops).sorted().toArray();
        double p50 = ns[ns.length / 2] / 1e6;
        System.out.printf(Locale.ROOT,
                "%s: find-providers p50 %.2f ms, p99 %.2f ms, max %.2f ms (%.1fx the ping baseline); hops median %d,"
                        + " p99 %d, max %d; requests mean %.1f; found %d/%d%n",
                pass, p50, ns[ns.length * 99 / 100] / 1e6, ns[ns.length - 1] / 1e6, p50 / pingP50,
                hops[hops.length / 2], hops[hops.length * 99 / 100], hops[hops.length - 1],
                samples.stream().mapToInt(Sample::requests).average().orElse(0),
                samples.stream().filter(Sample::found).count(), samples.size());
    }
}
