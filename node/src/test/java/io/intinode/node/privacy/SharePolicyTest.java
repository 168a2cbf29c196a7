package io.intinode.node.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.privacy.canon.Ladder;
import io.intinode.node.privacy.canon.LadderEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharePolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant VALID = NOW.plusSeconds(3600);
    /** Every blob named by one letter is the latest version "1" of package "p-<letter>". */
    private static final LatestVersions LATEST = (pkg, version) -> version.equals("1");
    private static final ClassCounts PLENTY = ref -> new ClassCounts.Count(100, 10);

    // os: C[1] = a..d, C[2] = a..h, C[3] = a..p
    private static final Ladder<String> OS = Ladder.of("os", 3, entries("abcd", 1, "efgh", 2, "ijklmnop", 3));

    private static List<LadderEntry<String>> entries(Object... lettersThenLevel) {
        List<LadderEntry<String>> out = new ArrayList<>();
        for (int i = 0; i < lettersThenLevel.length; i += 2) {
            for (char c : ((String) lettersThenLevel[i]).toCharArray()) {
                out.add(new LadderEntry<>(String.valueOf(c), "p-" + c, "1", (Integer) lettersThenLevel[i + 1], 100));
            }
        }
        return out;
    }

    private static List<Holding<String>> holding(String letters) {
        List<Holding<String>> out = new ArrayList<>();
        for (char c : letters.toCharArray()) {
            out.add(new Holding<>(String.valueOf(c), "p-" + c, "1", true));
        }
        return out;
    }

    private static ShareRequest<String> request(List<Holding<String>> holdings, LevelRef previous, ClassCounts counts) {
        return new ShareRequest<>(holdings, LATEST, OS, Ladder.union("donor", List.of(OS)), VALID, previous, counts,
                Set.of(), LanView.NONE);
    }

    private static SharePlan<String> canonical(List<Holding<String>> holdings) {
        return new SharePolicy(PrivacyConfig.canonical(), CLOCK).decide(request(holdings, null, PLENTY));
    }

    @Test
    void offAnnouncesNothing() {
        SharePlan<String> plan = new SharePolicy(PrivacyConfig.defaults(), CLOCK)
                .decide(request(holding("abcdefgh"), null, PLENTY));
        assertThat(plan).isEqualTo(SharePlan.nothing());
    }

    @Test
    void allAnnouncesOnlyShareableDeniedFreeLatestPackagedBlobs() {
        List<Holding<String>> h = new ArrayList<>(holding("ab"));
        h.add(new Holding<>("secret", "p-secret", "1", false));
        h.add(new Holding<>("old", "p-old", "0", true));
        h.add(new Holding<>("mine", null, null, true));
        h.add(new Holding<>("tor", "tor", "1", true));
        PrivacyConfig cfg = PrivacyConfig.defaults().withMode(ShareMode.ALL).withDenied(Set.of("tor"));
        SharePlan<String> plan = new SharePolicy(cfg, CLOCK).decide(request(h, null, PLENTY));
        assertThat(plan.global()).containsExactlyInAnyOrder("a", "b");
        assertThat(plan.lanOnly()).isEmpty();
        assertThat(plan.fetchFirst()).isEmpty();
    }

    @Test
    void announcesExactlyTheDeepestLevelWithinPhiAndFetchesItsHoles() {
        // Holds 14 of C[3]'s 16 (2 holes <= 0.25 * 16) plus blobs outside the ladder.
        SharePlan<String> plan = canonical(holding("abcdefghijklmnxyz"));
        assertThat(plan.level()).isEqualTo(new LevelRef("os", 3));
        assertThat(plan.global()).isEqualTo(OS.level(3));
        assertThat(plan.fetchFirst()).containsExactlyInAnyOrder("o", "p");
    }

    @Test
    void stepsToAShallowerLevelWhenTheDeeperHasTooManyHoles() {
        // C[3]: 9 holes > 4; C[2]: 1 hole <= 2.
        SharePlan<String> plan = canonical(holding("abcefgh"));
        assertThat(plan.level()).isEqualTo(new LevelRef("os", 2));
        assertThat(plan.global()).isEqualTo(OS.level(2));
        assertThat(plan.fetchFirst()).containsExactly("d");
    }

    @Test
    void noQualifyingLevelAnnouncesNothing() {
        SharePlan<String> plan = canonical(holding("axyz"));
        assertThat(plan.level()).isEqualTo(LevelRef.NONE);
        assertThat(plan.global()).isEmpty();
        assertThat(plan.fetchFirst()).isEmpty();
    }

    @Test
    void oldVersionsAreHolesNotHoldings() {
        List<Holding<String>> h = new ArrayList<>(holding("abc"));
        h.add(new Holding<>("d-old", "p-d", "0", true));
        SharePlan<String> plan = canonical(h);
        assertThat(plan.level()).isEqualTo(new LevelRef("os", 1));
        assertThat(plan.fetchFirst()).containsExactly("d");
    }

    @Test
    void keepsItsLevelWhileTheClassIsLargeEnough() {
        SharePolicy policy = new SharePolicy(PrivacyConfig.canonical(), CLOCK);
        LevelRef at3 = new LevelRef("os", 3);
        ClassCounts exactlyEnough = ref -> new ClassCounts.Count(5, 2);
        assertThat(policy.decide(request(holding("abcdefghijklmnop"), at3, exactlyEnough)).level()).isEqualTo(at3);
    }

    @Test
    void stepsDownOneQualifyingLevelWhenTooFewAnnounceItGloballyOrOnTheLan() {
        SharePolicy policy = new SharePolicy(PrivacyConfig.canonical(), CLOCK);
        LevelRef at3 = new LevelRef("os", 3);
        ClassCounts fewGlobal = ref -> new ClassCounts.Count(4, 3);
        ClassCounts fewLan = ref -> new ClassCounts.Count(50, 1);
        List<Holding<String>> h = holding("abcdefghijklmnop");
        assertThat(policy.decide(request(h, at3, fewGlobal)).level()).isEqualTo(new LevelRef("os", 2));
        assertThat(policy.decide(request(h, at3, fewLan)).level()).isEqualTo(new LevelRef("os", 2));
        // From level 1 there is only nothing below.
        assertThat(policy.decide(request(h, new LevelRef("os", 1), fewGlobal)).global()).isEmpty();
    }

    @Test
    void steppingDownSkipsLevelsThatDoNotQualify() {
        // Holds a..d and i..p: C[2] has 4 holes of 8 (> 2), C[1] none, C[3] 4 of 16 (<= 4).
        SharePolicy policy = new SharePolicy(PrivacyConfig.canonical(), CLOCK);
        ClassCounts none = ref -> new ClassCounts.Count(1, 1);
        SharePlan<String> plan = policy.decide(request(holding("abcdijklmnop"), new LevelRef("os", 3), none));
        assertThat(plan.level()).isEqualTo(new LevelRef("os", 1));
    }

    @Test
    void officeKZeroSkipsTheLanCheck() {
        PrivacyConfig c = PrivacyConfig.canonical();
        PrivacyConfig noOfficeK = new PrivacyConfig(c.mode(), c.k(), c.phi(), 0, c.officeRho(), c.donor(), Set.of(), c.holeBudget());
        ClassCounts noLan = ref -> new ClassCounts.Count(5, 0);
        LevelRef at3 = new LevelRef("os", 3);
        assertThat(new SharePolicy(noOfficeK, CLOCK).decide(request(holding("abcdefghijklmnop"), at3, noLan)).level())
                .isEqualTo(at3);
    }

    @Test
    void nothingStaysNothingWithinAnEpoch() {
        SharePlan<String> plan = new SharePolicy(PrivacyConfig.canonical(), CLOCK)
                .decide(request(holding("abcdefghijklmnop"), LevelRef.NONE, PLENTY));
        assertThat(plan.global()).isEmpty();
    }

    @Test
    void anExpiredManifestIsNotUsed() {
        Clock later = Clock.fixed(VALID.plusSeconds(1), ZoneOffset.UTC);
        SharePlan<String> plan = new SharePolicy(PrivacyConfig.canonical(), later)
                .decide(request(holding("abcdefghijklmnop"), null, PLENTY));
        assertThat(plan.level()).isEqualTo(LevelRef.NONE);
        assertThat(plan.global()).isEmpty();
    }

    @Test
    void aHeldUnshareableBlobOrADeniedPackageCapsTheLevelBelowIt() {
        List<Holding<String>> h = new ArrayList<>(holding("abcdefghijklmnp"));
        h.add(new Holding<>("o", "p-o", "1", false));
        assertThat(canonical(h).level()).isEqualTo(new LevelRef("os", 2));

        PrivacyConfig denyF = PrivacyConfig.canonical().withDenied(Set.of("p-f"));
        SharePlan<String> plan = new SharePolicy(denyF, CLOCK).decide(request(holding("abcdefghijklmnop"), null, PLENTY));
        assertThat(plan.level()).isEqualTo(new LevelRef("os", 1));
        assertThat(plan.global()).doesNotContain("f");
    }

    @Test
    void donorsAnnounceTheDeepestDonorLevelWithinBothCaps() {
        List<Holding<String>> h = holding("a");
        SharePlan<String> byBlobs = new SharePolicy(PrivacyConfig.canonical().withDonor(DonorConfig.of(10, 1 << 20)), CLOCK)
                .decide(request(h, null, PLENTY));
        assertThat(byBlobs.level()).isEqualTo(new LevelRef("donor", 2));
        assertThat(byBlobs.global()).hasSize(8);
        assertThat(byBlobs.fetchFirst()).hasSize(7).doesNotContain("a");

        SharePlan<String> byBytes = new SharePolicy(PrivacyConfig.canonical().withDonor(DonorConfig.of(1000, 799)), CLOCK)
                .decide(request(h, null, PLENTY));
        assertThat(byBytes.level()).isEqualTo(new LevelRef("donor", 1));
    }

    @Test
    void theElectedHostStandsInForALoneEmptyLanPeerAnnouncingAndFetchingNothing() {
        LevelRef os3 = new LevelRef("os", 3);
        LanView lonely = new LanView(5, List.of(new LanView.Peer(1, LevelRef.NONE), new LanView.Peer(7, os3),
                new LanView.Peer(9, os3)));
        ShareRequest<String> r = new ShareRequest<>(holding("abcdefghijklmn"), LATEST, OS, null, VALID, null, PLENTY,
                Set.of("q"), lonely);
        SharePlan<String> plan = new SharePolicy(PrivacyConfig.canonical(), CLOCK).decide(r);
        assertThat(plan.standingIn()).isTrue();
        assertThat(plan.level()).isEqualTo(LevelRef.NONE);
        assertThat(plan.global()).isEmpty();
        assertThat(plan.lanOnly()).isEmpty();
        assertThat(plan.fetchFirst()).as("no holes fetched for a level it does not announce").isEmpty();

        LanView notLowest = new LanView(8, lonely.peers());
        SharePlan<String> kept = new SharePolicy(PrivacyConfig.canonical(), CLOCK).decide(new ShareRequest<>(
                r.holdings(), LATEST, OS, null, VALID, null, PLENTY, Set.of("q"), notLowest));
        assertThat(kept.standingIn()).isFalse();
        assertThat(kept.level()).isEqualTo(os3);
        SharePlan<String> noOfficeK = new SharePolicy(new PrivacyConfig(ShareMode.CANONICAL,
                PrivacyConfig.DEFAULT_K, PrivacyConfig.DEFAULT_PHI, 0, PrivacyConfig.DEFAULT_OFFICE_RHO, DonorConfig.NONE,
                Set.of(), PrivacyConfig.DEFAULT_HOLE_BUDGET), CLOCK).decide(r);
        assertThat(noOfficeK.level()).as("office_k = 0: no LAN rule").isEqualTo(os3);
    }

    @Test
    void officeSetIsAnnouncedOnTheLanOnlyAndFilled() {
        ShareRequest<String> r = new ShareRequest<>(holding("abcdefghijklmnopq"), LATEST, OS, null, VALID, null,
                PLENTY, Set.of("q", "r", "a"), LanView.NONE);
        SharePlan<String> plan = new SharePolicy(PrivacyConfig.canonical(), CLOCK).decide(r);
        assertThat(plan.global()).isEqualTo(OS.level(3)).doesNotContain("q", "r");
        assertThat(plan.lanOnly()).containsExactlyInAnyOrder("q", "r");
        assertThat(plan.fetchFirst()).containsExactly("r");
    }

    @Test
    void theHoleBudgetBoundsALevelsHolesPlusTheOfficeSetsMissingBlobs() {
        // C[3] lacks o, p (2 holes <= 0.25 * 16); the office set adds r (q is held).
        ShareRequest<String> r = new ShareRequest<>(holding("abcdefghijklmnq"), LATEST, OS, null, VALID, null,
                PLENTY, Set.of("q", "r"), LanView.NONE);
        SharePlan<String> fits = new SharePolicy(PrivacyConfig.canonical().withHoleBudget(3), CLOCK).decide(r);
        assertThat(fits.level()).isEqualTo(new LevelRef("os", 3));
        assertThat(fits.fetchFirst()).containsExactlyInAnyOrder("o", "p", "r");

        // Budget 2: C[3] with its office set would need 3 fetches, so the host steps down to C[2]
        // (no holes) and still announces the whole office set, never a part of it.
        SharePlan<String> tight = new SharePolicy(PrivacyConfig.canonical().withHoleBudget(2), CLOCK).decide(r);
        assertThat(tight.level()).isEqualTo(new LevelRef("os", 2));
        assertThat(tight.lanOnly()).containsExactlyInAnyOrder("q", "r");
        assertThat(tight.fetchFirst()).containsExactly("r");

        // Budget 0: only a level with no holes and an office set held whole.
        SharePlan<String> none = new SharePolicy(PrivacyConfig.canonical().withHoleBudget(0), CLOCK).decide(r);
        assertThat(none).isEqualTo(SharePlan.nothing());
    }

    @Test
    void donorsAreNotBoundByTheHoleBudget() {
        SharePlan<String> plan = new SharePolicy(
                PrivacyConfig.canonical().withHoleBudget(1).withDonor(DonorConfig.of(100, 1 << 20)), CLOCK)
                .decide(request(holding("a"), null, PLENTY));
        assertThat(plan.level()).isEqualTo(new LevelRef("donor", 3));
        assertThat(plan.fetchFirst()).hasSize(15);
    }

    @Test
    void aHostWithNoLevelAnnouncesNoOfficeSet() {
        ShareRequest<String> r = new ShareRequest<>(holding("axyz"), LATEST, OS, null, VALID, null, PLENTY,
                Set.of("q", "r"), LanView.NONE);
        SharePlan<String> plan = new SharePolicy(PrivacyConfig.canonical(), CLOCK).decide(r);
        assertThat(plan).isEqualTo(SharePlan.nothing());
    }

    @Test
    void aHostThatMayNotShareOneOfficeBlobAnnouncesNoOfficeSet() {
        List<Holding<String>> h = new ArrayList<>(holding("abcd"));
        h.add(new Holding<>("q", "p-q", "1", false));
        ShareRequest<String> r = new ShareRequest<>(h, LATEST, OS, null, VALID, null, PLENTY, Set.of("q", "r"), LanView.NONE);
        SharePlan<String> plan = new SharePolicy(PrivacyConfig.canonical(), CLOCK).decide(r);
        assertThat(plan.lanOnly()).isEmpty();
        assertThat(plan.fetchFirst()).isEmpty();
    }

    @Test
    void identicalLevelsAreAnnouncedUnderOneName() {
        Ladder<String> flat = Ladder.of("os", 3, entries("ab", 1, "cd", 3));
        ShareRequest<String> r = new ShareRequest<>(holding("ab"), LATEST, flat, null, VALID, null, PLENTY, Set.of(),
                LanView.NONE);
        assertThat(new SharePolicy(PrivacyConfig.canonical(), CLOCK).decide(r).level())
                .isEqualTo(new LevelRef("os", 2));
    }
}
