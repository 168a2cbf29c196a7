package io.intinode.transfer.blob;

import java.util.Arrays;

/** The two-sample Kolmogorov–Smirnov test: are two samples drawn from the same distribution? */
public final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {}

    /** D: the largest distance between the two samples' empirical distribution functions. */
    static double statistic(long[] a, long[] b) {
        long[] x = a.clone();
        long[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            long v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** The asymptotic p-value of D for samples of sizes n and m (Kolmogorov's series, Stephens' correction). */
    static double pValue(double d, int n, int m) {
        double en = Math.sqrt((double) n * m / (n + m));
        double lambda = (en + 0.12 + 0.11 / en) * d;
        if (lambda < 0.2) {
            return 1; // the series converges too slowly here, and the answer is 1 to many digits
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = 2 * ((k % 2 == 1) ? 1 : -1) * Math.exp(-2 * (double) k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-12) {
                break;
            }
        }
        return Math.clamp(sum, 0, 1);
    }
}
