package io.intinode.bench.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    /**
     * Twenty hosts in offices of ten: all hold packages 0-5; hosts 0-9 hold 6 and 7; hosts 10-19
     * hold 9; host 0 also holds 8 and an old version of 10.
     */
    private static Population pop() {
        Population pop = TinyPopulation.of(20, 10);
        for (int h = 0; h < 20; h++) {
            TinyPopulation.hold(pop, h, 0, 1, 2, 3, 4, 5);
            TinyPopulation.hold(pop, h, h < 10 ? new int[] {6, 7} : new int[] {9});
        }
        TinyPopulation.hold(pop, 0, 8);
        int old = pop.itemOrNew(10, 0);
        pop.holdings[0] = TinyPopulation.sorted(Arrays.copyOf(pop.holdings[0], pop.holdings[0].length + 1));
        pop.holdings[0][0] = old;
        Arrays.sort(pop.holdings[0]);
        return pop;
    }

    /** canon with the hole budget 15 and independently drawn donors. */
    private static SimPolicy.Canon canon(int k, double phi, double donorFrac, int donorCap, double rho, int officeK) {
        return new SimPolicy.Canon(k, phi, donorFrac, donorCap, rho, officeK, 15, SimPolicy.DonorPlacement.INDEPENDENT);
    }

    private static Estimates oracle(Population pop) {
        return Estimates.of(Estimates.Kind.ORACLE, pop);
    }

    @Test
    void latestDropsOldVersionsAndItemDropsRareItems() {
        Population pop = pop();
        int old = pop.item(10, 0);
        int rare = TinyPopulation.item(pop, 8);
        assertThat(FilterPolicies.none(pop).global()[0]).contains(old, rare);
        assertThat(FilterPolicies.latest(pop).global()[0]).doesNotContain(old).contains(rare);
        assertThat(FilterPolicies.item(pop, oracle(pop), 5).global()[0]).doesNotContain(old, rare).hasSize(8);
    }

    @Test
    void pairDropsItemsNotCoHeldWithEveryKeptOne() {
        Population pop = pop();
        // 6 and 9 are each held by 10 hosts but never together; 6 is kept first (lower number on a tie).
        Announcements a = FilterPolicies.pair(pop, oracle(pop), 5, 5);
        assertThat(a.global()[0]).contains(TinyPopulation.item(pop, 6), TinyPopulation.item(pop, 7)).hasSize(8);
        assertThat(a.global()[10]).contains(TinyPopulation.item(pop, 9)).hasSize(7);
    }

    @Test
    void canonMakesEveryParticipantAnnounceTheSameSetAndFillsTheHoles() {
        Population pop = pop();
        Announcements a = CanonRounds.run(pop, oracle(pop), canon(5, 0.25, 0, 1000, 0.2, 2));
        // C[1] = C[2] = packages 0-7 and 9 at support >= 10; 8 (support 1) is never announced.
        for (int h = 0; h < 20; h++) {
            assertThat(a.global()[h]).as("host %d", h).isEqualTo(a.global()[0]).hasSize(9)
                    .doesNotContain(TinyPopulation.item(pop, 8));
        }
        assertThat(a.fetched()[0]).isEqualTo(1);
        assertThat(a.fetched()[10]).isEqualTo(2);
        assertThat(a.heldAfter()[10]).contains(TinyPopulation.item(pop, 6), TinyPopulation.item(pop, 7));
        Metrics m = MetricsCalculator.compute(pop, a, new RequestStream.Request[0]);
        assertThat(m.uniquePct()).isZero();
        assertThat(m.fetchedPerHost()).isEqualTo(1.5);
    }

    @Test
    void canonBacksOffWhenNoLanPeerSharesTheLevel() {
        Population alone = TinyPopulation.of(20, 1);
        for (int h = 0; h < 20; h++) {
            TinyPopulation.hold(alone, h, 0, 1, 2, 3);
        }
        Announcements withOfficeK = CanonRounds.run(alone, oracle(alone), canon(5, 0.25, 0, 1000, 0, 2));
        Announcements withoutOfficeK = CanonRounds.run(alone, oracle(alone), canon(5, 0.25, 0, 1000, 0, 0));
        for (int h = 0; h < 20; h++) {
            assertThat(withOfficeK.global()[h]).isEmpty();
            assertThat(withoutOfficeK.global()[h]).hasSize(4);
        }
    }

    @Test
    void donorsAnnounceTheDonorLadderWithinTheirCap() {
        Population pop = pop();
        Announcements a = CanonRounds.run(pop, oracle(pop), canon(5, 0.25, 1.0, 1000, 0, 0));
        for (int h = 0; h < 20; h++) {
            assertThat(a.donor()[h]).isTrue();
            assertThat(a.global()[h]).hasSize(9);
        }
        Announcements capped = CanonRounds.run(pop, oracle(pop), canon(5, 0.25, 1.0, 8, 0, 0));
        assertThat(capped.global()[0]).isEmpty();
    }

    @Test
    void officeGroupsPlaceDonorsInGroupsOfOfficeKPerOffice() {
        Population pop = pop();
        // 0.2 of 10 participants = one group of 2 in each office.
        Announcements a = CanonRounds.run(pop, oracle(pop),
                canon(5, 0.25, 0.2, 1000, 0, 2).withDonors(SimPolicy.DonorPlacement.OFFICE_GROUPS));
        assertThat(donorsIn(a, 0)).isEqualTo(2);
        assertThat(donorsIn(a, 1)).isEqualTo(2);
        // 0.3 of 10 = 1.5 groups: one or two groups, never a donor without a second one.
        Announcements b = CanonRounds.run(pop, oracle(pop),
                canon(5, 0.25, 0.3, 1000, 0, 2).withDonors(SimPolicy.DonorPlacement.OFFICE_GROUPS));
        assertThat(donorsIn(b, 0)).isIn(2, 4);
        assertThat(donorsIn(b, 1)).isIn(2, 4);
    }

    private static int donorsIn(Announcements a, int office) {
        int n = 0;
        for (int h = office * 10; h < office * 10 + 10; h++) {
            n += a.donor()[h] ? 1 : 0;
        }
        return n;
    }

    @Test
    void theOfficeSetCountsHoldersAmongAllOfficeHosts() {
        Population pop = TinyPopulation.of(20, 10);
        for (int h = 0; h < 20; h++) {
            TinyPopulation.hold(pop, h, 0, 1, 2, 3);
        }
        // Package 4 is held only by hosts 0-5, which do not participate: an internal build the office
        // registry counts (6 >= max(k, 0.2 * 10)) though no participant holds it.
        for (int h = 0; h < 6; h++) {
            TinyPopulation.hold(pop, h, 4);
            pop.participant[h] = false;
        }
        Announcements a = CanonRounds.run(pop, oracle(pop), canon(5, 0.25, 0, 1000, 0.2, 2));
        int internal = TinyPopulation.item(pop, 4);
        for (int h = 6; h < 10; h++) {
            assertThat(a.lanOnly()[h]).as("host %d", h).containsExactly(internal);
            assertThat(a.global()[h]).doesNotContain(internal);
        }
        assertThat(a.lanOnly()[10]).isEmpty(); // office 1's hosts do not hold it
    }

    @Test
    void setkOnlySuppressesAndEndsInSetsSharedByK() {
        Population pop = pop();
        Announcements a = SetKRounds.run(pop, oracle(pop), 5);
        Metrics m = MetricsCalculator.compute(pop, a, new RequestStream.Request[0]);
        assertThat(m.anonBelow5Pct()).isZero();
        assertThat(m.fetchedPerHost()).isZero();
        assertThat(a.global()[0]).doesNotContain(TinyPopulation.item(pop, 8));
    }

    @Test
    void priorEstimatesFollowDownloadsAndVersionSharesOnly() {
        Population pop = TinyPopulation.of(100, 10);
        // Package 5 is an app (first app = 4 base packages): q = 0.5, always at version 1.
        pop.appQ[0] = 0.5;
        pop.rate[4] = 0;
        pop.phase[4] = 1.5;
        for (int h = 0; h < 10; h++) {
            TinyPopulation.hold(pop, h, 4);
        }
        Estimates prior = Estimates.of(Estimates.Kind.PRIOR, pop);
        // 100 participants x q 0.5 x version share 1, whatever the true 10 holders say.
        assertThat(prior.total(TinyPopulation.item(pop, 4))).isEqualTo(50);
        assertThat(Estimates.versionShare(pop, 4, 1)).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Estimates.versionShare(pop, 4, 2)).isZero();
    }
}
