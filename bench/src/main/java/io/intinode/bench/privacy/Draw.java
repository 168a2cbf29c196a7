package io.intinode.bench.privacy;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/** Random draws the model needs, all from a caller's seeded generator. */
final class Draw {
    private Draw() {}

    /** An index drawn with probability proportional to {@code shares}. */
    static int byShare(SplittableRandom rng, double[] shares) {
        double total = 0;
        for (double s : shares) {
            total += s;
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < shares.length - 1; i++) {
            u -= shares[i];
            if (u < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    /** An index drawn from cumulative weights (strictly increasing, last = total). */
    static int byCumulative(SplittableRandom rng, double[] cumulative) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static int poisson(SplittableRandom rng, double mean) {
        double limit = Math.exp(-mean);
        double prod = rng.nextDouble();
        int n = 0;
        while (prod > limit) {
            prod *= rng.nextDouble();
            n++;
        }
        return n;
    }

    /**
     * Calls {@code chosen} with each index in [0, n) that an independent Bernoulli(p) trial picks,
     * in order, by skipping geometric gaps (the population has 200 million host-app pairs).
     */
    static void bernoulliIndices(SplittableRandom rng, int n, double p, IntConsumer chosen) {
        if (p <= 0) {
            return;
        }
        if (p >= 1) {
            for (int i = 0; i < n; i++) {
                chosen.accept(i);
            }
            return;
        }
        double logQ = Math.log1p(-p);
        long i = -1;
        while (true) {
            i += 1 + (long) Math.floor(Math.log1p(-rng.nextDouble()) / logQ);
            if (i >= n) {
                return;
            }
            chosen.accept((int) i);
        }
    }
}
