package io.intinode.bench.privacy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Computes {@link Metrics} of announcements against the true holdings (model §5, k_eval = 5). */
final class MetricsCalculator {
    static final int K_EVAL = 5;
    static final int PAIR_SAMPLE = 300;
    private static final long SAMPLE_SEED_SALT = 0x9a1_25L;

    private MetricsCalculator() {}

    static Metrics compute(Population pop, Announcements a, RequestStream.Request[] requests) {
        int hosts = pop.hosts();
        int participants = pop.participants();
        Map<IntSetKey, Integer> classes = new HashMap<>();
        IntSetKey[] keyOf = new IntSetKey[hosts];
        for (int h = 0; h < hosts; h++) {
            if (pop.participant[h]) {
                keyOf[h] = IntSetKey.of(a.global()[h]);
                classes.merge(keyOf[h], 1, Integer::sum);
            }
        }
        HolderIndex announcers = new HolderIndex(pop, a.global());
        HolderIndex heldAfter = new HolderIndex(pop, a.heldAfter());
        Map<IntSetKey, Boolean> candCache = new HashMap<>();

        int unique = 0, anon = 0, cand = 0, itemRare = 0, empty = 0;
        int minAnon = Integer.MAX_VALUE;
        long fetched = 0, fetchedNonDonor = 0;
        long newNonDonor = 0;
        int nonDonors = 0, maxNonDonor = 0, maxNewNonDonor = 0;
        for (int h = 0; h < hosts; h++) {
            if (!pop.participant[h]) {
                continue;
            }
            int[] set = a.global()[h];
            int size = classes.get(keyOf[h]);
            unique += size == 1 ? 1 : 0;
            anon += size < K_EVAL ? 1 : 0;
            if (set.length == 0) {
                empty++;
            } else {
                minAnon = Math.min(minAnon, size);
            }
            cand += candCache.computeIfAbsent(keyOf[h], k -> heldAfter.supersetCount(set, K_EVAL) < K_EVAL) ? 1 : 0;
            itemRare += hasRareItem(announcers, set) ? 1 : 0;
            fetched += a.fetched()[h];
            if (!a.donor()[h]) {
                nonDonors++;
                fetchedNonDonor += a.fetched()[h];
                maxNonDonor = Math.max(maxNonDonor, a.fetched()[h]);
                newNonDonor += a.fetchedNew()[h];
                maxNewNonDonor = Math.max(maxNewNonDonor, a.fetchedNew()[h]);
            }
        }
        double pairPct = pairBelow5Pct(pop, a, announcers, classes, keyOf);
        double officeUnique = officeViewUniquePct(pop, a, keyOf);
        double[] hits = hitRates(pop, a, announcers, requests);
        return new Metrics(pct(unique, participants), pct(anon, participants), pct(cand, participants),
                pct(itemRare, participants), pairPct, minAnon == Integer.MAX_VALUE ? 0 : minAnon, officeUnique,
                pct(empty, participants), (double) fetched / Math.max(1, participants),
                (double) fetchedNonDonor / Math.max(1, nonDonors), maxNonDonor,
                (double) newNonDonor / Math.max(1, nonDonors), maxNewNonDonor, hits[0], hits[1]);
    }

    private static boolean hasRareItem(HolderIndex announcers, int[] set) {
        for (int item : set) {
            if (announcers.count(item) < K_EVAL) {
                return true;
            }
        }
        return false;
    }

    /** Of 300 sampled participants: A_h holds two items co-announced by fewer than 5 participants. */
    static double pairBelow5Pct(Population pop, Announcements a, HolderIndex announcers,
            Map<IntSetKey, Integer> classes, IntSetKey[] keyOf) {
        int[] sample = sampleParticipants(pop);
        int bad = 0;
        for (int h : sample) {
            int[] set = a.global()[h];
            // Everyone in A_h's class co-announces each of its pairs.
            if (set.length < 2 || classes.get(keyOf[h]) >= K_EVAL) {
                continue;
            }
            bad += hasRarePair(announcers, set) ? 1 : 0;
        }
        return pct(bad, sample.length);
    }

    private static boolean hasRarePair(HolderIndex announcers, int[] set) {
        if (hasRareItem(announcers, set)) {
            return true;
        }
        for (int i = 0; i < set.length; i++) {
            for (int j = i + 1; j < set.length; j++) {
                if (announcers.coCount(set[i], set[j], K_EVAL) < K_EVAL) {
                    return true;
                }
            }
        }
        return false;
    }

    static int[] sampleParticipants(Population pop) {
        IntList all = new IntList();
        for (int h = 0; h < pop.hosts(); h++) {
            if (pop.participant[h]) {
                all.add(h);
            }
        }
        int[] p = all.toArray();
        SplittableRandom rng = new SplittableRandom(pop.params.seed() ^ SAMPLE_SEED_SALT);
        int n = Math.min(PAIR_SAMPLE, p.length);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(p.length - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return java.util.Arrays.copyOf(p, n);
    }

    /**
     * A coworker sees the global and LAN-scope announcements of every host in its office
     * (non-participants announce nothing): participants whose (A_h, LAN set) is unique there.
     */
    static double officeViewUniquePct(Population pop, Announcements a, IntSetKey[] keyOf) {
        IntSetKey nothing = IntSetKey.of(Announcements.EMPTY);
        int unique = 0;
        for (int o = 0; o < pop.params.offices(); o++) {
            Map<OfficeView, Integer> views = new HashMap<>();
            int first = o * pop.params.officeSize();
            int last = first + pop.officeSize(o);
            OfficeView[] view = new OfficeView[last - first];
            for (int h = first; h < last; h++) {
                view[h - first] = pop.participant[h] ? new OfficeView(keyOf[h], IntSetKey.of(a.lanOnly()[h]))
                        : new OfficeView(nothing, nothing);
                views.merge(view[h - first], 1, Integer::sum);
            }
            for (int h = first; h < last; h++) {
                if (pop.participant[h] && views.get(view[h - first]) == 1) {
                    unique++;
                }
            }
        }
        return pct(unique, pop.participants());
    }

    private record OfficeView(IntSetKey global, IntSetKey lan) {}

    /** {LAN hit %, global hit %}: another participant announces the item (LAN: in h's office, either scope). */
    static double[] hitRates(Population pop, Announcements a, HolderIndex announcers, RequestStream.Request[] requests) {
        int lan = 0, global = 0;
        for (RequestStream.Request r : requests) {
            int item = r.item();
            if (item < 0) {
                continue;
            }
            int h = r.host();
            boolean self = pop.participant[h] && HolderIndex.contains(a.global()[h], item);
            global += announcers.count(item) - (self ? 1 : 0) > 0 ? 1 : 0;
            int first = pop.office(h) * pop.params.officeSize();
            for (int m = first; m < first + pop.officeSize(pop.office(h)); m++) {
                if (m != h && pop.participant[m]
                        && (HolderIndex.contains(a.global()[m], item) || HolderIndex.contains(a.lanOnly()[m], item))) {
                    lan++;
                    break;
                }
            }
        }
        return new double[] {pct(lan, requests.length), pct(global, requests.length)};
    }

    static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
