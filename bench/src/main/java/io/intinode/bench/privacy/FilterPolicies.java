package io.intinode.bench.privacy;

import java.util.Arrays;

/** The policies that only filter what a host holds: none, latest, item(k), pair(k, k2). */
final class FilterPolicies {
    private FilterPolicies() {}

    static Announcements none(Population pop) {
        int[][] global = new int[pop.hosts()][];
        for (int h = 0; h < global.length; h++) {
            global[h] = pop.participant[h] ? pop.holdings[h] : Announcements.EMPTY;
        }
        return Announcements.globalOnly(pop, global);
    }

    static Announcements latest(Population pop) {
        return item(pop, null, 0);
    }

    /** Latest items with estimate >= k ({@code est} null: all latest items). */
    static Announcements item(Population pop, Estimates est, int k) {
        int[][] global = new int[pop.hosts()][];
        for (int h = 0; h < global.length; h++) {
            global[h] = pop.participant[h] ? candidates(pop, h, est, k) : Announcements.EMPTY;
        }
        return Announcements.globalOnly(pop, global);
    }

    /** item(k) candidates in descending estimate; x is kept if every kept y is co-held with it by >= k2 participants. */
    static Announcements pair(Population pop, Estimates est, int k, int k2) {
        HolderIndex truth = new HolderIndex(pop, pop.holdings);
        int[][] global = new int[pop.hosts()][];
        for (int h = 0; h < global.length; h++) {
            if (!pop.participant[h]) {
                global[h] = Announcements.EMPTY;
                continue;
            }
            Integer[] cand = Arrays.stream(candidates(pop, h, est, k)).boxed().toArray(Integer[]::new);
            Arrays.sort(cand, (a, b) -> est.total(a) != est.total(b) ? Integer.compare(est.total(b), est.total(a))
                    : Integer.compare(a, b));
            IntList kept = new IntList();
            for (int x : cand) {
                boolean ok = true;
                for (int i = 0; i < kept.size() && ok; i++) {
                    ok = truth.coCount(x, kept.get(i), k2) >= k2;
                }
                if (ok) {
                    kept.add(x);
                }
            }
            global[h] = kept.toSortedArray();
        }
        return Announcements.globalOnly(pop, global);
    }

    /** The latest items h holds with estimate >= k, sorted. */
    static int[] candidates(Population pop, int h, Estimates est, int k) {
        IntList out = new IntList();
        for (int item : pop.holdings[h]) {
            if (pop.isLatest(item) && (est == null || est.total(item) >= k)) {
                out.add(item);
            }
        }
        return out.toSortedArray();
    }
}
