package io.intinode.bench.privacy;

import java.util.Arrays;

/** Hand-made populations for the metric and policy tests: packages at version 1 are the latest. */
final class TinyPopulation {
    static final int PACKAGES = 4 + 20;

    private TinyPopulation() {}

    /** {@code hosts} hosts in offices of {@code officeSize}, all participants of image 0. */
    static Population of(int hosts, int officeSize) {
        ModelParams params = new ModelParams(7, hosts, officeSize, 1.0, 0, 1, 0.5, 1, 1, 1, 0);
        Population pop = new Population(params, PACKAGES);
        Arrays.fill(pop.participant, true);
        Arrays.fill(pop.latest, 1);
        pop.holdings = new int[hosts][];
        Arrays.fill(pop.holdings, new int[0]);
        return pop;
    }

    /** Gives host h the latest version of each package. */
    static void hold(Population pop, int h, int... packages) {
        int[] items = Arrays.stream(packages).map(p -> pop.itemOrNew(p, 1)).toArray();
        pop.holdings[h] = concatSorted(pop.holdings[h], items);
    }

    static int item(Population pop, int pkg) {
        return pop.itemOrNew(pkg, 1);
    }

    static int[] sorted(int... items) {
        int[] s = items.clone();
        Arrays.sort(s);
        return s;
    }

    private static int[] concatSorted(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        Arrays.sort(out);
        return out;
    }
}
