package io.intinode.dht.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiformats.Multihash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final SplittableRandom random = new SplittableRandom(42);
    private final PeerId selfId = randomPeer();
    private final RoutingTable table = new RoutingTable(Key.ofPeer(selfId), RoutingConfig.DEFAULT, T0);

    @Test
    void fullBucketAsksToPingItsLeastRecentlySeenContactOnce() {
        List<PeerInfo> first = fillBucketZero();
        assertThat(table.size()).isEqualTo(20);
        assertThat(table.offer(inBucket(0, "127.0.0.1"), false, T0.plusSeconds(1)))
                .isEqualTo(new Insertion.PingFirst(first.getFirst()));
        assertThat(table.offer(inBucket(0, "127.0.0.1"), false, T0.plusSeconds(2)))
                .as("a ping is already under way").isEqualTo(new Insertion.PingFirst(null));
        assertThat(table.size()).isEqualTo(20);
    }

    @Test
    void deadContactIsReplacedByTheNewestReplacement() {
        List<PeerInfo> first = fillBucketZero();
        PeerInfo older = inBucket(0, "127.0.0.1");
        PeerInfo newer = inBucket(0, "127.0.0.1");
        table.offer(older, false, T0.plusSeconds(1));
        table.offer(newer, false, T0.plusSeconds(2));
        table.pingResult(first.getFirst().id(), false, T0.plusSeconds(3));
        assertThat(table.find(first.getFirst().id())).isEmpty();
        assertThat(table.find(newer.id())).isPresent();
        assertThat(table.find(older.id())).isEmpty();
        assertThat(table.size()).isEqualTo(20);
        // the next failure promotes the remaining replacement
        table.remove(first.get(1).id());
        assertThat(table.find(older.id())).isPresent();
        assertThat(table.size()).isEqualTo(20);
    }

    @Test
    void liveContactStaysAndTheNextPingTargetsTheNextOldest() {
        List<PeerInfo> first = fillBucketZero();
        table.offer(inBucket(0, "127.0.0.1"), false, T0.plusSeconds(1));
        table.pingResult(first.getFirst().id(), true, T0.plusSeconds(2));
        assertThat(table.find(first.getFirst().id())).get()
                .extracting(Contact::lastSeen).isEqualTo(T0.plusSeconds(2));
        assertThat(table.offer(inBucket(0, "127.0.0.1"), false, T0.plusSeconds(3)))
                .isEqualTo(new Insertion.PingFirst(first.get(1)));
    }

    @Test
    void knownPeerIsUpdatedNotDuplicated() {
        PeerInfo p = inBucket(0, "127.0.0.1");
        assertThat(table.offer(p, false, T0)).isEqualTo(new Insertion.Added());
        PeerInfo moved = new PeerInfo(p.id(), List.of(Multiaddr.parse("/ip4/127.0.0.2/tcp/5")));
        assertThat(table.offer(moved, true, T0.plusSeconds(5))).isEqualTo(new Insertion.Updated());
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.find(p.id())).get().satisfies(c -> {
            assertThat(c.peer()).isEqualTo(moved);
            assertThat(c.lan()).isTrue();
            assertThat(c.lastSeen()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void atMostTwoPeersPerPublicSubnetPerBucketOutsideTheLan() {
        assertThat(table.offer(inBucket(0, "8.8.8.1"), false, T0)).isEqualTo(new Insertion.Added());
        assertThat(table.offer(inBucket(0, "8.8.8.2"), false, T0)).isEqualTo(new Insertion.Added());
        assertThat(table.offer(inBucket(0, "8.8.8.3"), false, T0)).isInstanceOf(Insertion.Rejected.class);
        assertThat(table.offer(inBucket(0, "8.8.9.3"), false, T0)).isEqualTo(new Insertion.Added());
        assertThat(table.offer(inBucket(0, "8.8.8.4"), true, T0)).as("LAN peer").isEqualTo(new Insertion.Added());
        for (int i = 0; i < 3; i++) {
            assertThat(table.offer(inBucket(0, "10.1.1." + (i + 1)), false, T0)).as("private")
                    .isEqualTo(new Insertion.Added());
        }
        assertThat(table.offer(inBucket(0, "2001:db8:1:2::1"), false, T0)).isEqualTo(new Insertion.Added());
        assertThat(table.offer(inBucket(0, "2001:db8:1:3::1"), false, T0)).isEqualTo(new Insertion.Added());
        assertThat(table.offer(inBucket(0, "2001:db8:1:4::1"), false, T0)).as("same /48")
                .isInstanceOf(Insertion.Rejected.class);
        assertThat(table.offer(inBucket(1, "8.8.8.3"), false, T0)).as("another bucket")
                .isEqualTo(new Insertion.Added());
    }

    @Test
    void ourOwnIdIsRejected() {
        assertThat(table.offer(new PeerInfo(selfId, List.of()), false, T0)).isInstanceOf(Insertion.Rejected.class);
    }

    @Test
    void closestMatchesABruteForceSortOfAllContacts() {
        List<PeerInfo> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            PeerInfo p = new PeerInfo(randomPeer(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/1")));
            if (table.offer(p, false, T0) instanceof Insertion.Added) {
                all.add(p);
            }
        }
        Key target = Key.random(random);
        List<PeerInfo> expected = all.stream().sorted(Comparator.comparing(p -> target.distance(p.key())))
                .limit(20).toList();
        assertThat(table.closest(target, 20)).containsExactlyElementsOf(expected);
        assertThat(table.size()).isEqualTo(all.size()).isLessThan(300);
    }

    @Test
    void bucketsNotLookedUpWithinTheIntervalAreStale() {
        table.offer(inBucket(0, "127.0.0.1"), false, T0);
        table.offer(inBucket(2, "127.0.0.1"), false, T0);
        assertThat(table.staleBuckets(T0.plus(Duration.ofMinutes(9)))).isEmpty();
        Instant later = T0.plus(Duration.ofMinutes(10));
        assertThat(table.staleBuckets(later)).containsExactly(0, 1, 2, 3);
        table.lookupDone(Key.randomAt(table.self(), 1, random, 10_000).orElseThrow(), later);
        assertThat(table.staleBuckets(later)).containsExactly(0, 2, 3);
    }

    private List<PeerInfo> fillBucketZero() {
        List<PeerInfo> added = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PeerInfo p = inBucket(0, "127.0.0.1");
            assertThat(table.offer(p, false, T0.plusMillis(i))).isEqualTo(new Insertion.Added());
            added.add(p);
        }
        return added;
    }

    private PeerInfo inBucket(int cpl, String ip) {
        String proto = ip.contains(":") ? "ip6" : "ip4";
        while (true) {
            PeerId id = randomPeer();
            if (Key.ofPeer(selfId).distance(Key.ofPeer(id)).commonPrefixLength() == cpl) {
                return new PeerInfo(id, List.of(Multiaddr.parse("/" + proto + "/" + ip + "/tcp/4001")));
            }
        }
    }

    private PeerId randomPeer() {
        byte[] d = new byte[32];
        random.nextBytes(d);
        return new PeerId(Multihash.sha256(d));
    }
}
