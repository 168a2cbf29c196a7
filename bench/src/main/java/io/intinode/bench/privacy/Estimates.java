package io.intinode.bench.privacy;

/**
 * Holder-count estimates the policies see (model §3), overall and per base image: exact counts
 * among participants ({@code oracle}), what public sources would say ({@code prior}: download
 * share times version share, per-image install shares, no topic correlation, nothing for internal
 * or unique items), or a count-min sketch of all participants' holdings ({@code cms}). Metrics
 * always use the truth.
 */
final class Estimates {
    enum Kind { ORACLE, PRIOR, CMS }

    private static final int CMS_WIDTH = 1 << 16;
    private static final int CMS_DEPTH = 4;

    private final int[] total;
    private final int[][] byImage;

    private Estimates(int[] total, int[][] byImage) {
        this.total = total;
        this.byImage = byImage;
    }

    int total(int item) {
        return total[item];
    }

    int image(int img, int item) {
        return byImage[img][item];
    }

    static Estimates of(Kind kind, Population pop) {
        if (kind == Kind.PRIOR) {
            return prior(pop);
        }
        int images = ModelParams.IMAGE_SHARES.length;
        int[] total = new int[pop.items()];
        int[][] byImage = new int[images][pop.items()];
        for (int h = 0; h < pop.hosts(); h++) {
            if (pop.participant[h]) {
                for (int item : pop.holdings[h]) {
                    total[item]++;
                    byImage[pop.image[h]][item]++;
                }
            }
        }
        if (kind == Kind.ORACLE) {
            return new Estimates(total, byImage);
        }
        int[][] sketchedByImage = new int[images][];
        for (int b = 0; b < images; b++) {
            sketchedByImage[b] = sketch(byImage[b]);
        }
        return new Estimates(sketch(total), sketchedByImage);
    }

    private static Estimates prior(Population pop) {
        int images = ModelParams.IMAGE_SHARES.length;
        int n = pop.participants();
        int[] total = new int[pop.items()];
        int[][] byImage = new int[images][pop.items()];
        for (int item = 0; item < pop.items(); item++) {
            int p = pop.pkg(item);
            if (p == Population.NO_PACKAGE || p >= pop.firstInternal) {
                continue;
            }
            double share = versionShare(pop, p, pop.ver(item));
            if (p < pop.basePackages) {
                int b = p / pop.params.basePackagesPerImage();
                byImage[b][item] = (int) Math.round(n * ModelParams.IMAGE_SHARES[b] * share);
                total[item] = byImage[b][item];
            } else {
                double q = pop.appQ[p - pop.firstApp];
                total[item] = (int) Math.round(n * q * share);
                for (int b = 0; b < images; b++) {
                    byImage[b][item] = (int) Math.round(n * ModelParams.IMAGE_SHARES[b] * q * share);
                }
            }
        }
        return new Estimates(total, byImage);
    }

    /** The share of holders of package p expected at version v, from the lag and pinning laws. */
    static double versionShare(Population pop, int p, int v) {
        double share = 0;
        for (int i = 0; i < ModelParams.LAGS.length; i++) {
            int lag = ModelParams.LAGS[i];
            double pinned = 0;
            for (int extra = 1; extra <= ModelParams.MAX_PIN_EXTRA_LAG; extra++) {
                pinned += pop.version(p, lag + extra) == v ? 1.0 / ModelParams.MAX_PIN_EXTRA_LAG : 0;
            }
            double atLag = pop.version(p, lag) == v ? 1 : 0;
            share += ModelParams.LAG_SHARES[i]
                    * ((1 - ModelParams.PIN_PROBABILITY) * atLag + ModelParams.PIN_PROBABILITY * pinned);
        }
        return share;
    }

    /** What a 65,536 × 4 count-min sketch fed with these counts answers for each item. */
    static int[] sketch(int[] counts) {
        int[][] rows = new int[CMS_DEPTH][CMS_WIDTH];
        for (int item = 0; item < counts.length; item++) {
            for (int r = 0; r < CMS_DEPTH; r++) {
                rows[r][bucket(item, r)] += counts[item];
            }
        }
        int[] out = new int[counts.length];
        for (int item = 0; item < counts.length; item++) {
            int min = Integer.MAX_VALUE;
            for (int r = 0; r < CMS_DEPTH; r++) {
                min = Math.min(min, rows[r][bucket(item, r)]);
            }
            out[item] = min;
        }
        return out;
    }

    private static int bucket(int item, int row) {
        long x = item * 0x9E3779B97F4A7C15L + row * 0xC2B2AE3D27D4EB4FL;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return (int) (x & (CMS_WIDTH - 1));
    }
}
