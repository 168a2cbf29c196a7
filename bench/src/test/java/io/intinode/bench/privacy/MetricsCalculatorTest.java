package io.intinode.bench.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {
    /**
     * Ten hosts in offices of five. Hosts 0-5 announce {a, b}; 6 and 7 announce {a, c}; 8
     * announces {a, b, d}; 9 announces nothing. Everyone holds what it announces, and 0-4 also
     * hold c.
     */
    private static Population pop() {
        Population pop = TinyPopulation.of(10, 5);
        for (int h = 0; h < 6; h++) {
            TinyPopulation.hold(pop, h, 0, 1);
        }
        for (int h = 0; h < 5; h++) {
            TinyPopulation.hold(pop, h, 2);
        }
        TinyPopulation.hold(pop, 6, 0, 2);
        TinyPopulation.hold(pop, 7, 0, 2);
        TinyPopulation.hold(pop, 8, 0, 1, 3);
        return pop;
    }

    private static Announcements announce(Population pop) {
        int a = TinyPopulation.item(pop, 0), b = TinyPopulation.item(pop, 1);
        int c = TinyPopulation.item(pop, 2), d = TinyPopulation.item(pop, 3);
        int[][] global = new int[10][];
        for (int h = 0; h < 6; h++) {
            global[h] = TinyPopulation.sorted(a, b);
        }
        global[6] = global[7] = TinyPopulation.sorted(a, c);
        global[8] = TinyPopulation.sorted(a, b, d);
        global[9] = Announcements.EMPTY;
        return Announcements.globalOnly(pop, global);
    }

    @Test
    void anonymitySetsCountIdenticalAnnouncedSets() {
        Population pop = pop();
        Metrics m = MetricsCalculator.compute(pop, announce(pop), new RequestStream.Request[0]);
        assertThat(m.uniquePct()).isEqualTo(20.0); // hosts 8 and 9
        assertThat(m.anonBelow5Pct()).isEqualTo(40.0); // 6, 7, 8, 9
        assertThat(m.minAnonSet()).isEqualTo(1); // host 8 (9 is empty and not counted)
        assertThat(m.emptyPct()).isEqualTo(10.0);
    }

    @Test
    void candidateAndItemAndPairMetricsUseTheirOwnAdversaries() {
        Population pop = pop();
        Metrics m = MetricsCalculator.compute(pop, announce(pop), new RequestStream.Request[0]);
        // Holders of a superset: {a,b} 7 hosts; {a,c} 7 (0-4, 6, 7); {a,b,d} 1.
        assertThat(m.candBelow5Pct()).isEqualTo(10.0);
        // Announcers: c by 2, d by 1: hosts 6, 7, 8 announce an item with < 5 announcers.
        assertThat(m.itemBelow5Pct()).isEqualTo(30.0);
        // All ten are sampled; 6, 7 and 8 have a rare pair, 0-5 are a class of 6.
        assertThat(m.pairBelow5Pct()).isEqualTo(30.0);
    }

    @Test
    void officeViewSeesGlobalAndLanSetsWithinTheOffice() {
        Population pop = pop();
        Announcements a = announce(pop);
        // Office 0 = hosts 0-4, identical; office 1 = host 5 {a,b}, 6 and 7 {a,c}, 8, 9 unique.
        assertThat(MetricsCalculator.compute(pop, a, new RequestStream.Request[0]).officeViewUniquePct()).isEqualTo(30.0);
        int[][] lan = new int[10][];
        Arrays.fill(lan, Announcements.EMPTY);
        lan[0] = new int[] {TinyPopulation.item(pop, 3)};
        Announcements withLan = new Announcements(a.global(), lan, a.heldAfter(), a.fetched(), a.fetchedNew(), a.donor(),
                a.standingIn());
        assertThat(MetricsCalculator.compute(pop, withLan, new RequestStream.Request[0]).officeViewUniquePct())
                .isEqualTo(40.0);
    }

    @Test
    void nonParticipantsAreCoworkersWhoAnnounceNothing() {
        Population pop = pop();
        pop.participant[5] = false;
        int[][] global = announce(pop).global();
        global[5] = Announcements.EMPTY;
        Metrics m = MetricsCalculator.compute(pop, Announcements.globalOnly(pop, global), new RequestStream.Request[0]);
        // Host 9 (empty) now shares its office view with non-participant 5; 6 and 7 pair; 8 is alone.
        assertThat(m.officeViewUniquePct()).isCloseTo(100.0 / 9, within(1e-9));
    }

    @Test
    void hitsNeedAnotherAnnouncingParticipantInScope() {
        Population pop = pop();
        Announcements a = announce(pop);
        int c = TinyPopulation.item(pop, 2), d = TinyPopulation.item(pop, 3);
        RequestStream.Request[] requests = {
            new RequestStream.Request(9, c), // LAN: 6, 7 in office 1 announce c
            new RequestStream.Request(0, c), // global only: office 0 does not announce c
            new RequestStream.Request(8, d), // only the requester announces d: no hit
            new RequestStream.Request(1, -1), // unique: never a hit
        };
        Metrics m = MetricsCalculator.compute(pop, a, requests);
        assertThat(m.lanHitPct()).isEqualTo(25.0);
        assertThat(m.globalHitPct()).isEqualTo(50.0);
    }

    @Test
    void fetchedCountsAreMeansOverParticipantsAndNonDonors() {
        Population pop = pop();
        Announcements a = announce(pop);
        int[] fetched = new int[10];
        int[] fresh = new int[10];
        boolean[] donor = new boolean[10];
        fetched[0] = 30;
        fresh[0] = 30;
        donor[0] = true;
        fetched[1] = 9;
        fresh[1] = 4;
        Announcements f = new Announcements(a.global(), a.lanOnly(), a.heldAfter(), fetched, fresh, donor, a.standingIn());
        Metrics m = MetricsCalculator.compute(pop, f, new RequestStream.Request[0]);
        assertThat(m.fetchedPerHost()).isEqualTo(3.9);
        assertThat(m.fetchedPerNonDonor()).isEqualTo(1.0);
        assertThat(m.fetchedMaxNonDonor()).isEqualTo(9);
        assertThat(m.newMaxNonDonor()).isEqualTo(4);
    }
}
