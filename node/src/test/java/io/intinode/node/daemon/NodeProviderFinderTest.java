package io.intinode.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeProviderFinderTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final NodeProviderFinder.Settings SETTINGS = new NodeProviderFinder.Settings(8, 3,
            Duration.ofMillis(300), Duration.ofSeconds(20), Duration.ofSeconds(30));

    private static PeerInfo peer() {
        return new PeerInfo(Identity.generate(RANDOM).peerId(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));
    }

    @Test
    void enoughProvidersEndTheWaitWhileTheLookupStillRuns() throws Exception {
        NodeProviderFinder.Lookup lookup = new NodeProviderFinder.Lookup(SETTINGS);
        List<PeerInfo> three = List.of(peer(), peer(), peer());
        three.forEach(lookup::found);

        assertThat(lookup.await()).containsExactlyElementsOf(three);
    }

    @Test
    void fewerThanEnoughAreTakenAfterTheGraceThatFollowsTheFirst() throws Exception {
        NodeProviderFinder.Lookup lookup = new NodeProviderFinder.Lookup(SETTINGS);
        PeerInfo only = peer();
        long before = System.nanoTime();
        lookup.found(only);

        assertThat(lookup.await()).containsExactly(only);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(SETTINGS.grace())
                .isLessThan(SETTINGS.timeout());
    }

    @Test
    void aProviderArrivingDuringTheWaitIsTakenAndTheEndOfTheLookupEndsTheWait() throws Exception {
        NodeProviderFinder.Lookup lookup = new NodeProviderFinder.Lookup(SETTINGS);
        CompletableFuture<List<PeerInfo>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return lookup.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        PeerInfo p = peer();
        lookup.found(p);
        lookup.end();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).containsExactly(p);
    }

    @Test
    void aLookupThatEndsEmptyHandedEndsTheWaitAtOnce() throws Exception {
        NodeProviderFinder.Lookup lookup = new NodeProviderFinder.Lookup(SETTINGS);
        lookup.end();

        assertThat(lookup.await()).isEmpty();
    }

    @Test
    void wildcardAddressesAreNotDialled() {
        assertThat(NodeProviderFinder.dialable(Multiaddr.parse("/ip4/0.0.0.0/tcp/4001"))).isFalse();
        assertThat(NodeProviderFinder.dialable(Multiaddr.parse("/ip6/::/tcp/4001"))).isFalse();
        assertThat(NodeProviderFinder.dialable(Multiaddr.parse("/ip4/10.0.0.5/tcp/4001"))).isTrue();
        assertThat(NodeProviderFinder.dialable(Multiaddr.parse("/dns4/example.org/tcp/4001"))).isTrue();
    }
}
