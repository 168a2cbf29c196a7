package io.intinode.bench.privacy;

import io.intinode.node.privacy.ClassCounts;
import io.intinode.node.privacy.DonorConfig;
import io.intinode.node.privacy.Holding;
import io.intinode.node.privacy.LanView;
import io.intinode.node.privacy.LatestVersions;
import io.intinode.node.privacy.LevelRef;
import io.intinode.node.privacy.OfficeSetPolicy;
import io.intinode.node.privacy.PrivacyConfig;
import io.intinode.node.privacy.ShareMode;
import io.intinode.node.privacy.SharePlan;
import io.intinode.node.privacy.SharePolicy;
import io.intinode.node.privacy.ShareRequest;
import io.intinode.node.privacy.canon.Ladder;
import io.intinode.node.privacy.canon.LadderBuilder;
import io.intinode.node.privacy.canon.LadderBuilder.Support;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * canon(k, φ, donor_frac, donor_cap, ρ, office_k): places the donors, builds the per-image ladders
 * and office sets from the estimates, then runs the node's {@link SharePolicy} for every
 * participant, round after round, feeding each host the class counts of the previous round, until
 * no host changes level.
 */
final class CanonRounds {
    private static final int MAX_ROUNDS = 1000;
    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    private static final long DONOR_SEED_SALT = 0xd0_40_4eL;

    private final Population pop;
    private final Estimates est;
    private final SimPolicy.Canon policy;
    private final String[] pkgNames;
    private final Map<String, String> latestByPkg = new HashMap<>();
    private final Map<Integer, String> versionNames = new HashMap<>();

    private CanonRounds(Population pop, Estimates est, SimPolicy.Canon policy) {
        this.pop = pop;
        this.est = est;
        this.policy = policy;
        pkgNames = new String[pop.packages()];
        for (int p = 0; p < pkgNames.length; p++) {
            pkgNames[p] = "pkg" + p;
            latestByPkg.put(pkgNames[p], versionName(pop.latest[p]));
        }
    }

    static Announcements run(Population pop, Estimates est, SimPolicy.Canon policy) {
        return new CanonRounds(pop, est, policy).run();
    }

    private Announcements run() {
        int hosts = pop.hosts();
        int images = ModelParams.IMAGE_SHARES.length;
        List<Ladder<Integer>> ladders = new ArrayList<>();
        for (int b = 0; b < images; b++) {
            ladders.add(imageLadder(b));
        }
        Ladder<Integer> donorLadder = Ladder.union("donor", ladders);
        List<Set<Integer>> officeSets = new ArrayList<>();
        for (int o = 0; o < pop.params.offices(); o++) {
            officeSets.add(officeSet(o));
        }

        PrivacyConfig base = new PrivacyConfig(ShareMode.CANONICAL, policy.k(), policy.phi(), policy.officeK(),
                policy.rho(), DonorConfig.NONE, Set.of(), policy.holeBudget());
        SharePolicy plain = new SharePolicy(base, CLOCK);
        SharePolicy giving = new SharePolicy(base.withDonor(DonorConfig.of(policy.donorCap(), Long.MAX_VALUE)), CLOCK);
        LatestVersions latest = (pkg, version) -> version.equals(latestByPkg.get(pkg));
        boolean[] donor = switch (policy.donors()) {
            case INDEPENDENT -> independentDonors();
            case OFFICE_GROUPS -> officeDonorGroups();
        };
        List<List<Holding<Integer>>> holdings = new ArrayList<>(hosts);
        for (int h = 0; h < hosts; h++) {
            holdings.add(pop.participant[h] ? holdingsOf(h) : List.of());
        }

        @SuppressWarnings("unchecked")
        SharePlan<Integer>[] plans = new SharePlan[hosts];
        LevelRef[] previous = new LevelRef[hosts];
        LevelRef[] planned = new LevelRef[hosts];
        ClassTally tally = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (int h = 0; h < hosts; h++) {
                if (!pop.participant[h]) {
                    continue;
                }
                ClassTally counts = tally;
                int office = pop.office(h);
                ClassCounts classCounts = counts == null ? ref -> new ClassCounts.Count(0, 0)
                        : ref -> counts.count(ref, office);
                LanView lan = round == 0 ? LanView.NONE : lanView(h, plans);
                ShareRequest<Integer> request = new ShareRequest<>(holdings.get(h), latest, ladders.get(pop.image[h]),
                        donorLadder, Instant.MAX, previous[h], classCounts, officeSets.get(office), lan);
                plans[h] = (donor[h] ? giving : plain).decide(request);
                changed |= !plans[h].level().equals(planned[h]);
            }
            for (int h = 0; h < hosts; h++) {
                planned[h] = pop.participant[h] ? plans[h].level() : null;
                // A stand-in decides afresh next round, as the node does.
                previous[h] = pop.participant[h] && !plans[h].standingIn() ? plans[h].level() : null;
            }
            if (!changed) {
                break;
            }
            tally = new ClassTally(plans, pop);
        }
        return announcements(plans, donor);
    }

    /** What host h's coworkers announced last round; non-participants run a node that announces nothing. */
    private LanView lanView(int h, SharePlan<Integer>[] plans) {
        int office = pop.office(h);
        int first = office * pop.params.officeSize();
        List<LanView.Peer> peers = new ArrayList<>();
        for (int m = first; m < first + pop.officeSize(office); m++) {
            if (m != h) {
                peers.add(new LanView.Peer(rank(m), pop.participant[m] ? plans[m].level() : LevelRef.NONE));
            }
        }
        return new LanView(rank(h), peers);
    }

    /** The stand-in election rank: the node hashes peer id and epoch; here host and seed (SplitMix64's finaliser). */
    private long rank(int h) {
        long z = pop.params.seed() * 0x9e3779b97f4a7c15L + h;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Each participant donates with probability donor_frac, whatever its coworkers do. */
    private boolean[] independentDonors() {
        SplittableRandom rng = new SplittableRandom(pop.params.seed() ^ DONOR_SEED_SALT);
        boolean[] donor = new boolean[pop.hosts()];
        for (int h = 0; h < donor.length; h++) {
            donor[h] = pop.participant[h] && rng.nextDouble() < policy.donorFrac();
        }
        return donor;
    }

    /**
     * Donors placed per office in groups of office_k (a lone donor fails the office check): an office
     * of P participants gets donor_frac·P/office_k groups, the fraction rounded up with that
     * probability, so the expected donor share stays donor_frac.
     */
    private boolean[] officeDonorGroups() {
        SplittableRandom rng = new SplittableRandom(pop.params.seed() ^ DONOR_SEED_SALT);
        boolean[] donor = new boolean[pop.hosts()];
        int group = Math.max(1, policy.officeK());
        for (int o = 0; o < pop.params.offices(); o++) {
            IntList members = new IntList();
            int first = o * pop.params.officeSize();
            for (int h = first; h < first + pop.officeSize(o); h++) {
                if (pop.participant[h]) {
                    members.add(h);
                }
            }
            int[] m = members.toArray();
            double groups = policy.donorFrac() * m.length / group;
            int whole = (int) Math.floor(groups);
            int donors = Math.min(m.length, group * (whole + (rng.nextDouble() < groups - whole ? 1 : 0)));
            for (int i = 0; i < donors; i++) { // a partial Fisher-Yates shuffle picks them
                int j = i + rng.nextInt(m.length - i);
                int t = m[i];
                m[i] = m[j];
                m[j] = t;
                donor[m[i]] = true;
            }
        }
        return donor;
    }

    private Ladder<Integer> imageLadder(int b) {
        int n = 0;
        for (int h = 0; h < pop.hosts(); h++) {
            n += pop.participant[h] && pop.image[h] == b ? 1 : 0;
        }
        List<Support<Integer>> supports = new ArrayList<>();
        for (int item = 0; item < pop.items(); item++) {
            if (pop.isLatest(item) && est.image(b, item) >= policy.k()) {
                int p = pop.pkg(item);
                supports.add(new Support<>(item, pkgNames[p], versionName(pop.ver(item)), est.image(b, item), 0));
            }
        }
        return LadderBuilder.build("image-" + b, Math.max(1, n), policy.k(), supports);
    }

    /**
     * O from the counts an office registry has: holders among all the office's hosts, participating
     * or not (see {@link OfficeSetPolicy}).
     */
    private Set<Integer> officeSet(int office) {
        int first = office * pop.params.officeSize();
        Map<Integer, Integer> lanHolders = new HashMap<>();
        for (int h = first; h < first + pop.officeSize(office); h++) {
            for (int item : pop.holdings[h]) {
                if (pop.isLatest(item)) {
                    lanHolders.merge(item, 1, Integer::sum);
                }
            }
        }
        List<OfficeSetPolicy.Candidate<Integer>> candidates = new ArrayList<>();
        lanHolders.forEach((item, c) -> candidates.add(new OfficeSetPolicy.Candidate<>(item, c, est.total(item))));
        return OfficeSetPolicy.select(candidates, pop.officeSize(office), pop.participants(), policy.k(), policy.rho());
    }

    private List<Holding<Integer>> holdingsOf(int h) {
        List<Holding<Integer>> out = new ArrayList<>(pop.holdings[h].length);
        for (int item : pop.holdings[h]) {
            int p = pop.pkg(item);
            out.add(p == Population.NO_PACKAGE ? new Holding<>(item, null, null, true)
                    : new Holding<>(item, pkgNames[p], versionName(pop.ver(item)), true));
        }
        return out;
    }

    private String versionName(int v) {
        return versionNames.computeIfAbsent(v, String::valueOf);
    }

    private Announcements announcements(SharePlan<Integer>[] plans, boolean[] donor) {
        int hosts = pop.hosts();
        int[][] global = new int[hosts][];
        int[][] lan = new int[hosts][];
        int[][] heldAfter = new int[hosts][];
        int[] fetched = new int[hosts];
        int[] fetchedNew = new int[hosts];
        Map<Set<Integer>, int[]> sorted = new IdentityHashMap<>();
        for (int h = 0; h < hosts; h++) {
            if (!pop.participant[h]) {
                global[h] = lan[h] = Announcements.EMPTY;
                heldAfter[h] = pop.holdings[h];
                continue;
            }
            SharePlan<Integer> plan = plans[h];
            global[h] = sorted.computeIfAbsent(plan.global(), CanonRounds::toSorted);
            lan[h] = toSorted(plan.lanOnly());
            fetched[h] = plan.fetchFirst().size();
            IntList after = new IntList();
            Set<Integer> heldPackages = new HashSet<>();
            for (int item : pop.holdings[h]) {
                after.add(item);
                heldPackages.add(pop.pkg(item));
            }
            for (int item : plan.fetchFirst()) {
                after.add(item);
                fetchedNew[h] += heldPackages.contains(pop.pkg(item)) ? 0 : 1;
            }
            heldAfter[h] = after.toSortedArray();
        }
        boolean[] standingIn = new boolean[hosts];
        for (int h = 0; h < hosts; h++) {
            standingIn[h] = pop.participant[h] && plans[h].standingIn();
        }
        return new Announcements(global, lan, heldAfter, fetched, fetchedNew, donor, standingIn);
    }

    private static int[] toSorted(Set<Integer> set) {
        return set.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Announcers per distinct announced set, globally and per office. Levels of different ladders
     * that happen to list the same items are one class, as a crawler would see them.
     */
    private static final class ClassTally {
        private final Map<LevelRef, Integer> classOf = new HashMap<>();
        private final Map<Integer, Integer> global = new HashMap<>();
        private final Map<Long, Integer> lan = new HashMap<>();

        ClassTally(SharePlan<Integer>[] plans, Population pop) {
            Map<Set<Integer>, Integer> ids = new HashMap<>();
            for (int h = 0; h < plans.length; h++) {
                if (plans[h] == null) {
                    continue;
                }
                SharePlan<Integer> plan = plans[h];
                int id = classOf.computeIfAbsent(plan.level(), r -> ids.computeIfAbsent(plan.global(), s -> ids.size()));
                global.merge(id, 1, Integer::sum);
                lan.merge(officeKey(pop.office(h), id), 1, Integer::sum);
            }
        }

        ClassCounts.Count count(LevelRef ref, int office) {
            Integer id = classOf.get(ref);
            if (id == null) {
                return new ClassCounts.Count(0, 0);
            }
            return new ClassCounts.Count(global.getOrDefault(id, 0), lan.getOrDefault(officeKey(office, id), 0));
        }

        private static long officeKey(int office, int id) {
            return ((long) office << 32) | id;
        }
    }
}
