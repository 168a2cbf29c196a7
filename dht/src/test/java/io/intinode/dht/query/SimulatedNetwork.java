package io.intinode.dht.query;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.routing.RoutingConfig;
import io.intinode.dht.routing.RoutingTable;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiformats.Multihash;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Nodes with real {@link RoutingTable}s answering {@link Lookup}s over an in-memory network in virtual time: no
 * sockets, no threads, deterministic for a seed. Tables are filled as Kademlia would fill them: for each bucket,
 * up to k random peers that fall in it.
 */
final class SimulatedNetwork {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    enum Behaviour { HONEST, DEAD, EMPTY, LIAR }

    static final class Node {
        final PeerInfo info;
        final Key key;
        final byte[] point;
        final RoutingTable table;
        final Map<Key, List<PeerInfo>> providers = new HashMap<>();
        Behaviour behaviour = Behaviour.HONEST;

        Node(PeerInfo info, byte[] point) {
            this.info = info;
            this.key = info.key();
            this.point = point;
            this.table = new RoutingTable(key, RoutingConfig.DEFAULT, T0);
        }
    }

    private record Event(Instant at, long seq, Node from, List<PeerInfo> closer, List<PeerInfo> providers) {}

    final List<Node> nodes = new ArrayList<>();
    private final Map<PeerId, Node> byId = new HashMap<>();
    private final SplittableRandom random;
    private final int k;

    SimulatedNetwork(int size, long seed) {
        this.random = new SplittableRandom(seed);
        this.k = RoutingConfig.DEFAULT.bucketSize();
        for (int i = 0; i < size; i++) {
            PeerId id = randomPeer(random);
            Node n = new Node(new PeerInfo(id, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + (10000 + i)))),
                    sha256(id.toBytes()));
            nodes.add(n);
            byId.put(id, n);
        }
        fillTables();
    }

    static PeerId randomPeer(SplittableRandom random) {
        byte[] d = new byte[32];
        random.nextBytes(d);
        return new PeerId(Multihash.sha256(d));
    }

    /** For every node and bucket i: the peers sharing exactly i leading bits form one range of the sorted points. */
    private void fillTables() {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.point, b.point));
        for (int idx = 0; idx < sorted.size(); idx++) {
            Node n = sorted.get(idx);
            // in sorted order the longest shared prefix with anyone is with a neighbour: deeper buckets are empty
            int deepest = Math.max(idx > 0 ? sharedBits(n, sorted.get(idx - 1)) : 0,
                    idx + 1 < sorted.size() ? sharedBits(n, sorted.get(idx + 1)) : 0);
            for (int cpl = 0; cpl <= deepest; cpl++) {
                int from = lowerBound(sorted, prefix(n.point, cpl, false));
                byte[] hi = prefix(n.point, cpl, true);
                int to = lowerBound(sorted, hi);
                if (to < sorted.size() && Arrays.equals(sorted.get(to).point, hi)) {
                    to++;
                }
                List<Node> range = new ArrayList<>(sorted.subList(from, to));
                for (int i = 0; i < Math.min(k, range.size()); i++) {
                    int j = i + random.nextInt(range.size() - i);
                    Node pick = range.get(j);
                    range.set(j, range.get(i));
                    n.table.offer(pick.info, false, T0);
                }
            }
        }
    }

    private static int sharedBits(Node a, Node b) {
        return a.key.distance(b.key).commonPrefixLength();
    }

    /** The point with bit {@code cpl} flipped, and all later bits set to 0 ({@code ones} false) or 1. */
    private static byte[] prefix(byte[] point, int cpl, boolean ones) {
        byte[] p = point.clone();
        p[cpl / 8] ^= (byte) (0x80 >>> (cpl % 8));
        for (int bit = cpl + 1; bit < 256; bit++) {
            int mask = 0x80 >>> (bit % 8);
            p[bit / 8] = (byte) (ones ? p[bit / 8] | mask : p[bit / 8] & ~mask);
        }
        return p;
    }

    private static int lowerBound(List<Node> sorted, byte[] value) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(sorted.get(mid).point, value) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    Node node(int i) {
        return nodes.get(i);
    }

    /** Stores provider records for {@code key} at the k nodes closest to it, as ADD_PROVIDER would. */
    void provide(Key key, List<PeerInfo> providers) {
        for (PeerInfo p : trueClosest(key, k, null, null)) {
            byId.get(p.id()).providers.computeIfAbsent(key, x -> new ArrayList<>()).addAll(providers);
        }
    }

    /** The {@code count} nodes closest to {@code key} but {@code origin}, leaving out one behaviour if given. */
    List<PeerInfo> trueClosest(Key key, int count, Behaviour excluded, Node origin) {
        return nodes.stream()
                .filter(n -> n.behaviour != excluded && n != origin)
                .sorted(Comparator.comparing((Node n) -> key.distance(n.key)))
                .limit(count)
                .map(n -> n.info)
                .toList();
    }

    LookupResult run(Node origin, Key target, Goal goal, LookupConfig config) {
        Lookup lookup = new Lookup(target, goal, config, origin.info.id(), origin.table.closest(target, config.k()), T0);
        PriorityQueue<Event> events = new PriorityQueue<>(
                Comparator.comparing(Event::at).thenComparingLong(Event::seq));
        Instant now = T0;
        long seq = 0;
        for (int guard = 0; guard < 100_000; guard++) {
            LookupStep step = lookup.next(now);
            switch (step) {
                case LookupStep.Finished f -> {
                    return f.result();
                }
                case LookupStep.Send s -> {
                    for (PeerInfo p : s.peers()) {
                        Node to = byId.get(p.id());
                        if (to == null || to.behaviour == Behaviour.DEAD) {
                            continue; // never answers: the lookup's timeout handles it
                        }
                        Instant at = now.plus(Duration.ofMillis(1 + random.nextInt(20)));
                        events.add(new Event(at, seq++, to, closer(to, target), providersOf(to, target, goal)));
                    }
                }
                case LookupStep.Wait w -> {
                    Event e = events.peek();
                    if (e != null && e.at().isBefore(w.until())) {
                        events.poll();
                        now = e.at();
                        lookup.onSuccess(e.from().info.id(), e.closer(), e.providers());
                    } else {
                        now = w.until();
                    }
                }
            }
        }
        throw new AssertionError("lookup did not finish within the step guard");
    }

    private List<PeerInfo> closer(Node to, Key target) {
        return switch (to.behaviour) {
            case HONEST -> to.table.closest(target, k);
            case EMPTY, DEAD -> List.of();
            case LIAR -> {
                List<PeerInfo> fake = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    fake.add(new PeerInfo(randomPeer(random), List.of(Multiaddr.parse("/ip4/127.0.0.9/tcp/1"))));
                }
                yield fake;
            }
        };
    }

    private static List<PeerInfo> providersOf(Node to, Key target, Goal goal) {
        return goal instanceof Goal.Providers && to.behaviour == Behaviour.HONEST
                ? to.providers.getOrDefault(target, List.of()) : List.of();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
