package io.intinode.transfer.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {
    @Test
    void statisticIsTheLargestGapBetweenTheEmpiricalDistributions() {
        assertThat(KolmogorovSmirnov.statistic(new long[] {1, 2, 3}, new long[] {1, 2, 3})).isZero();
        assertThat(KolmogorovSmirnov.statistic(new long[] {1, 2}, new long[] {3, 4})).isEqualTo(1.0);
        // F_a jumps to 1/2 at 1 while F_b is still 0; at 3 both are 1/2 + ... : gap 1/2.
        assertThat(KolmogorovSmirnov.statistic(new long[] {1, 3}, new long[] {2, 4})).isEqualTo(0.5);
    }

    @Test
    void pValueMatchesTheKolmogorovDistribution() {
        // Q_KS(1.36) = 0.049 and Q_KS(1.63) = 0.010 (the 5 % and 1 % critical values).
        int n = 1_000_000;
        double en = Math.sqrt(n / 2.0);
        assertThat(KolmogorovSmirnov.pValue(1.358 / (en + 0.12 + 0.11 / en), n, n)).isCloseTo(0.05, within(0.001));
        assertThat(KolmogorovSmirnov.pValue(1.628 / (en + 0.12 + 0.11 / en), n, n)).isCloseTo(0.01, within(0.001));
        assertThat(KolmogorovSmirnov.pValue(0, 10, 10)).isEqualTo(1.0);
    }

    @Test
    void sameDistributionPassesAndAShiftedOneFails() {
        Random r = new Random(1);
        long[] a = new long[1000];
        long[] b = new long[1000];
        long[] shifted = new long[1000];
        for (int i = 0; i < 1000; i++) {
            a[i] = (long) (r.nextGaussian() * 1000);
            b[i] = (long) (r.nextGaussian() * 1000);
            shifted[i] = (long) (r.nextGaussian() * 1000) + 300;
        }
        assertThat(KolmogorovSmirnov.pValue(KolmogorovSmirnov.statistic(a, b), 1000, 1000)).isGreaterThan(0.01);
        assertThat(KolmogorovSmirnov.pValue(KolmogorovSmirnov.statistic(a, shifted), 1000, 1000)).isLessThan(1e-6);
    }
}
