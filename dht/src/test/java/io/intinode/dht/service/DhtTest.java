package io.intinode.dht.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.protocol.KadCodec;
import io.intinode.dht.protocol.KadLimits;
import io.intinode.dht.protocol.KadMessage;
import io.intinode.dht.query.LookupConfig;
import io.intinode.dht.routing.RoutingConfig;
import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.store.Digest;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Ten real hosts on loopback running the DHT. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class DhtTest {
    private static final int NODES = 10;
    private LoopbackNetwork net;

    @BeforeAll
    void startNetwork() throws Exception {
        net = new LoopbackNetwork(NODES, DhtConfig.defaults());
        for (Dht d : net.dhts) {
            LoopbackNetwork.await(() -> d.routingTableSize() > 0, "a routing table entry");
        }
    }

    @AfterAll
    void stopNetwork() {
        net.close();
    }

    @Test
    void everyNodeFindsTheProviderOfABlob() throws Exception {
        Key key = blob("everyNodeFindsTheProviderOfABlob");
        assertThat(net.dhts.get(3).provide(key)).isPositive();
        for (int i = 0; i < NODES; i++) {
            List<PeerInfo> streamed = new ArrayList<>();
            List<PeerInfo> found = net.dhts.get(i).findProviders(key, 1, Duration.ofSeconds(5), streamed::add)
                    .providers();
            assertThat(found).as("node %d", i).extracting(PeerInfo::id).contains(net.hosts.get(3).peerId());
            assertThat(streamed).isEqualTo(found);
            assertThat(found.getFirst().addrs()).isNotEmpty();
        }
    }

    @Test
    void aBlobNobodyProvidesIsNotFound() throws Exception {
        assertThat(net.dhts.get(5).findProviders(blob("nobody"), 1, Duration.ofSeconds(5), p -> {}).providers())
                .isEmpty();
    }

    @Test
    void unprovidedBlobsStopBeingServedByUs() throws Exception {
        Key key = blob("unprovided");
        net.dhts.get(2).provide(key);
        net.dhts.get(2).unprovide(key);
        // the others still hold records until they expire; our own store no longer lists us
        List<PeerInfo> local = new ArrayList<>();
        net.dhts.get(2).findProviders(key, 1, Duration.ofSeconds(5), local::add);
        assertThat(local).extracting(PeerInfo::id).containsOnly(net.hosts.get(2).peerId());
        assertThat(net.dhts.get(2).metrics().providerRecords()).isZero();
    }

    @Test
    void findPeerReturnsTheAddressesOfAPeer() throws Exception {
        var target = net.hosts.get(7);
        assertThat(net.dhts.get(8).findPeer(target.peerId(), Duration.ofSeconds(5))).get()
                .satisfies(p -> assertThat(p.addrs()).containsAll(target.listenAddrs()));
    }

    @Test
    void garbageOnAKadStreamResetsItAndTheNodeKeepsServing() throws Exception {
        NegotiatedStream s = net.hosts.get(1).newStream(net.addr(0), List.of(DhtConfig.DEFAULT_PROTOCOL_ID))
                .get(5, TimeUnit.SECONDS);
        InputStream in = new MuxedStreamInputStream(s, 1 << 16, Duration.ofSeconds(5));
        try (OutputStream out = new MuxedStreamOutputStream(s)) {
            out.write(new byte[] {0x03, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.flush();
            assertThat(s.closeFuture()).failsWithin(Duration.ofSeconds(5));
        } catch (java.io.IOException expected) {
            // writing to a stream the remote reset may fail too
        } finally {
            in.close();
        }
        KadClient client = new KadClient(net.hosts.get(1), DhtConfig.DEFAULT_PROTOCOL_ID,
                new KadCodec(KadLimits.DEFAULT));
        PeerInfo node0 = new PeerInfo(net.hosts.get(0).peerId(), net.hosts.get(0).listenAddrs());
        assertThat(client.request(node0, new KadMessage.Ping(), Duration.ofSeconds(5)))
                .contains(new KadMessage.Ping());
    }

    @Test
    void addProviderNamingAnotherPeerIsNotStored() throws Exception {
        KadCodec codec = new KadCodec(KadLimits.DEFAULT);
        PeerInfo victim = new PeerInfo(net.hosts.get(5).peerId(), net.hosts.get(5).listenAddrs());
        PeerInfo sender = new PeerInfo(net.hosts.get(1).peerId(), net.hosts.get(1).listenAddrs());
        Key key = blob("forged");
        // one stream: its requests are served in order, so the answer reflects both announcements
        NegotiatedStream s = net.hosts.get(1).newStream(net.addr(0), List.of(DhtConfig.DEFAULT_PROTOCOL_ID))
                .get(5, TimeUnit.SECONDS);
        InputStream in = new MuxedStreamInputStream(s, 1 << 16, Duration.ofSeconds(5));
        try (OutputStream out = new MuxedStreamOutputStream(s)) {
            codec.write(out, new KadMessage.AddProvider(key, List.of(victim)));
            codec.write(out, new KadMessage.AddProvider(key, List.of(sender)));
            codec.write(out, KadMessage.GetProviders.request(key));
            assertThat(codec.read(in)).isInstanceOfSatisfying(KadMessage.GetProviders.class,
                    g -> assertThat(g.providers()).extracting(PeerInfo::id).containsExactly(sender.id()));
        } finally {
            in.close();
        }
    }

    @Test
    void metricsCountLookupsAndTheTable() throws Exception {
        Dht d = net.dhts.get(4);
        long before = d.metrics().lookups();
        d.findProviders(blob("metrics"), 1, Duration.ofSeconds(5), p -> {});
        DhtMetrics.Snapshot after = d.metrics();
        assertThat(after.lookups()).isEqualTo(before + 1);
        assertThat(after.routingTableSize()).isPositive();
        assertThat(after.latencySumNanos()).isPositive();
    }

    @Test
    void anUnreachableContactLeavesTheTableAndAnEmptyTableBootstrapsAgain() throws Exception {
        DhtConfig quick = DhtConfig.defaults().withMaintenanceInterval(Duration.ofMillis(200));
        try (LoopbackNetwork pair = new LoopbackNetwork(2, quick, false)) {
            Dht lonely = pair.dhts.get(1);
            assertThat(lonely.routingTableSize()).isZero();
            // a node whose table is empty joins through its bootstrap peers by itself
            try (LoopbackNetwork joiner = new LoopbackNetwork(1, quick.withBootstrap(List.of(pair.addr(0))), false)) {
                LoopbackNetwork.await(() -> joiner.dhts.getFirst().routingTableSize() == 1, "re-bootstrap");
                pair.hosts.getFirst().close();
                var gone = pair.hosts.getFirst().peerId();
                LoopbackNetwork.await(() -> joiner.hosts.getFirst().connection(gone).isEmpty(), "the connection to close");
                joiner.dhts.getFirst().findProviders(blob("gone"), 1, Duration.ofSeconds(5), p -> {});
                assertThat(joiner.dhts.getFirst().routingTableSize()).as("unreachable contact removed").isZero();
            }
        }
    }

    @Test
    void aJoiningNodeFillsItsFartherBucketsNotOnlyThoseNearItself() throws Exception {
        // k = 4 in a network of 30: a self lookup alone meets only the few peers nearest the newcomer
        DhtConfig d = DhtConfig.defaults();
        DhtConfig small = new DhtConfig(d.protocolId(), new RoutingConfig(4, 2, 2, Duration.ofMinutes(10), 15),
                new LookupConfig(4, 3, Duration.ofSeconds(3), Duration.ofSeconds(30), 200, 200), d.providers(),
                d.limits(), List.of(), d.maintenanceInterval(), d.verifyTimeout());
        try (LoopbackNetwork network = new LoopbackNetwork(30, small);
                LoopbackNetwork newcomer = new LoopbackNetwork(1, small.withBootstrap(List.of(network.addr(0))), false)) {
            Dht joined = newcomer.dhts.getFirst();
            joined.bootstrap();
            Key self = Key.ofPeer(newcomer.hosts.getFirst().peerId());
            for (int cpl = 0; cpl <= 1; cpl++) { // the far half and the far half of our half
                int bucket = cpl;
                long present = network.hosts.stream()
                        .filter(h -> self.distance(Key.ofPeer(h.peerId())).commonPrefixLength() == bucket).count();
                long expected = Math.min(4, present);
                LoopbackNetwork.await(() -> joined.contacts().stream()
                        .filter(c -> self.distance(c.key()).commonPrefixLength() == bucket).count() >= expected,
                        expected + " contacts in bucket " + bucket);
            }
        }
    }

    private static Key blob(String text) throws Exception {
        return Key.ofBlob(Digest.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes())));
    }
}
