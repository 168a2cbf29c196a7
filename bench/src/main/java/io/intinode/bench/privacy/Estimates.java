package io.intinode.bench.privacy;

/**
 * Holder-count estimates the policies see (model §3): exact counts among participants
 * ({@code oracle}) or a count-min sketch of all participants' holdings ({@code cms}), overall and
 * per base image. Metrics always use the truth.
 */
final class Estimates {
    enum Kind { ORACLE, CMS }

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
