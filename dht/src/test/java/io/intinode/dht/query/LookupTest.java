package io.intinode.dht.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LookupTest {
    private static final Instant T0 = SimulatedNetwork.T0;
    private static final LookupConfig SMALL =
            new LookupConfig(3, 2, Duration.ofSeconds(1), Duration.ofSeconds(10), 50, 10);
    private final SplittableRandom random = new SplittableRandom(3);
    private final PeerId self = SimulatedNetwork.randomPeer(random);
    private final Key target = Key.random(random);

    @Test
    void keepsAtMostAlphaRequestsInFlightNearestFirst() {
        List<PeerInfo> seeds = sortedPeers(6);
        Lookup lookup = new Lookup(target, new Goal.ClosestPeers(), SMALL, self, seeds, T0);
        assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Send(seeds.subList(0, 2)));
        assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Wait(T0.plusSeconds(1)));
        lookup.onSuccess(seeds.get(0).id(), List.of(), List.of());
        assertThat(lookup.next(T0.plusMillis(5))).isEqualTo(new LookupStep.Send(List.of(seeds.get(2))));
    }

    @Test
    void aTimedOutRequestFreesItsSlotButItsLateAnswerStillCounts() {
        List<PeerInfo> seeds = sortedPeers(5);
        Lookup lookup = new Lookup(target, new Goal.ClosestPeers(), SMALL, self, seeds, T0);
        lookup.next(T0);
        assertThat(lookup.next(T0.plusSeconds(1))).isEqualTo(new LookupStep.Send(seeds.subList(2, 4)));
        lookup.onSuccess(seeds.get(0).id(), List.of(), List.of()); // late
        lookup.onSuccess(seeds.get(2).id(), List.of(), List.of());
        lookup.onSuccess(seeds.get(3).id(), List.of(), List.of());
        LookupStep step = lookup.next(T0.plusSeconds(1));
        assertThat(step).isInstanceOfSatisfying(LookupStep.Finished.class, f -> {
            assertThat(f.result().outcome()).isEqualTo(LookupResult.Outcome.CONVERGED);
            assertThat(f.result().closest()).containsExactly(seeds.get(0), seeds.get(2), seeds.get(3));
            assertThat(f.result().requests()).isEqualTo(4);
        });
    }

    @Test
    void closerPeersFromAnswersAreAskedNextAndHopsCounted() {
        List<PeerInfo> all = sortedPeers(8);
        List<PeerInfo> seeds = all.subList(5, 8);
        Lookup lookup = new Lookup(target, new Goal.ClosestPeers(), SMALL, self, seeds, T0);
        lookup.next(T0);
        lookup.onSuccess(seeds.get(0).id(), all.subList(0, 3), List.of());
        assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Send(List.of(all.get(0))));
        lookup.onSuccess(all.get(0).id(), List.of(new PeerInfo(self, List.of())), List.of());
        lookup.onSuccess(seeds.get(1).id(), List.of(), List.of());
        lookup.next(T0);
        lookup.onSuccess(all.get(1).id(), List.of(), List.of());
        lookup.onSuccess(all.get(2).id(), List.of(), List.of());
        assertThat(lookup.next(T0)).isInstanceOfSatisfying(LookupStep.Finished.class, f -> {
            assertThat(f.result().closest()).containsExactlyElementsOf(all.subList(0, 3));
            assertThat(f.result().hops()).isEqualTo(2);
        });
    }

    @Test
    void answersFromFarSeedsDoNotEndTheLookupWhileNearerPeersAreUnasked() {
        List<PeerInfo> all = sortedPeers(6);
        List<PeerInfo> seeds = all.subList(3, 6);
        Lookup lookup = new Lookup(target, new Goal.ClosestPeers(), SMALL, self, seeds, T0);
        lookup.next(T0);
        lookup.onSuccess(all.get(3).id(), List.of(), List.of());
        lookup.onSuccess(all.get(4).id(), List.of(), List.of());
        assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Send(List.of(all.get(5))));
        lookup.onSuccess(all.get(5).id(), all.subList(0, 3), List.of());
        assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Send(all.subList(0, 2)));
        // k = 3 far seeds have answered, but a nearer peer is unasked and two are pending
        assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Wait(T0.plusSeconds(1)));
        lookup.onSuccess(all.get(0).id(), List.of(), List.of());
        lookup.onSuccess(all.get(1).id(), List.of(), List.of());
        assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Send(List.of(all.get(2))));
        lookup.onSuccess(all.get(2).id(), List.of(), List.of());
        assertThat(lookup.next(T0)).isInstanceOfSatisfying(LookupStep.Finished.class, f -> {
            assertThat(f.result().outcome()).isEqualTo(LookupResult.Outcome.CONVERGED);
            assertThat(f.result().closest()).containsExactlyElementsOf(all.subList(0, 3));
        });
    }

    @Test
    void providersStreamOnceAndEnoughOfThemEndTheLookup() {
        List<PeerInfo> seeds = sortedPeers(5);
        List<PeerInfo> providers = sortedPeers(3);
        Lookup lookup = new Lookup(target, new Goal.Providers(3), SMALL, self, seeds, T0);
        lookup.next(T0);
        assertThat(lookup.onSuccess(seeds.get(0).id(), List.of(), providers.subList(0, 2)))
                .containsExactlyElementsOf(providers.subList(0, 2));
        assertThat(lookup.onSuccess(seeds.get(1).id(), List.of(), providers)).containsExactly(providers.get(2));
        assertThat(lookup.next(T0)).isInstanceOfSatisfying(LookupStep.Finished.class, f -> {
            assertThat(f.result().outcome()).isEqualTo(LookupResult.Outcome.ENOUGH_PROVIDERS);
            assertThat(f.result().providers()).containsExactlyElementsOf(providers);
            assertThat(f.result().hops()).isEqualTo(1);
        });
    }

    @Test
    void findPeerEndsWhenAnAnswerNamesThePeerWithAddresses() {
        PeerInfo sought = sortedPeers(1).getFirst();
        List<PeerInfo> seeds = sortedPeers(4, Key.ofPeer(sought.id()));
        Lookup lookup = new Lookup(Key.ofPeer(sought.id()), new Goal.Peer(sought.id()), SMALL, self, seeds, T0);
        lookup.next(T0);
        lookup.onSuccess(seeds.get(0).id(), List.of(new PeerInfo(sought.id(), List.of())), List.of());
        assertThat(lookup.isFinished()).as("no addresses yet").isFalse();
        lookup.onSuccess(seeds.get(1).id(), List.of(sought), List.of());
        assertThat(lookup.next(T0)).isInstanceOfSatisfying(LookupStep.Finished.class,
                f -> assertThat(f.result().peer()).contains(sought));
    }

    @Test
    void failuresAndExhaustionEndTheLookupWithoutResults() {
        List<PeerInfo> seeds = sortedPeers(2);
        Lookup lookup = new Lookup(target, new Goal.ClosestPeers(), SMALL, self, seeds, T0);
        lookup.next(T0);
        seeds.forEach(p -> lookup.onFailure(p.id()));
        assertThat(lookup.next(T0)).isInstanceOfSatisfying(LookupStep.Finished.class, f -> {
            assertThat(f.result().outcome()).isEqualTo(LookupResult.Outcome.EXHAUSTED);
            assertThat(f.result().closest()).isEmpty();
        });
        assertThat(new Lookup(target, new Goal.ClosestPeers(), SMALL, self, List.of(), T0).next(T0))
                .isInstanceOfSatisfying(LookupStep.Finished.class,
                        f -> assertThat(f.result().outcome()).isEqualTo(LookupResult.Outcome.EXHAUSTED));
    }

    @Test
    void theLookupTimeoutEndsItWhateverIsInFlight() {
        Lookup lookup = new Lookup(target, new Goal.ClosestPeers(), SMALL, self, sortedPeers(5), T0);
        lookup.next(T0);
        assertThat(lookup.next(T0.plusSeconds(10))).isInstanceOfSatisfying(LookupStep.Finished.class,
                f -> assertThat(f.result().outcome()).isEqualTo(LookupResult.Outcome.TIMED_OUT));
    }

    @Test
    void candidatesAreCappedKeepingTheNearest() {
        List<PeerInfo> flood = sortedPeers(40);
        Lookup lookup = new Lookup(target, new Goal.ClosestPeers(), SMALL, self, flood.subList(39, 40), T0);
        lookup.next(T0);
        lookup.onSuccess(flood.get(39).id(), flood.subList(0, 39).reversed(), List.of());
        List<PeerInfo> asked = new ArrayList<>();
        for (int i = 0; i < 20 && !lookup.isFinished(); i++) {
            if (lookup.next(T0) instanceof LookupStep.Send s) {
                asked.addAll(s.peers());
                s.peers().forEach(p -> lookup.onFailure(p.id()));
            }
        }
        assertThat(asked).containsExactlyElementsOf(flood.subList(0, 9)); // 10 remembered, one already answered
    }

    private List<PeerInfo> sortedPeers(int n) {
        return sortedPeers(n, target);
    }

    private List<PeerInfo> sortedPeers(int n, Key key) {
        List<PeerInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PeerInfo(SimulatedNetwork.randomPeer(random), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/1"))));
        }
        out.sort(Comparator.comparing(p -> key.distance(p.key())));
        return out;
    }
}
