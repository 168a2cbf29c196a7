package io.intinode.bench.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationBuilderTest {
    private static final long[] POPULARITY = AppPopularity.load();

    private static Population build(long seed, int hosts) {
        return PopulationBuilder.build(ModelParams.defaults().withSeed(seed).withHosts(hosts), POPULARITY);
    }

    @Test
    void theAppPopularityDataIsComplete() {
        assertThat(POPULARITY).hasSize(226_974);
        assertThat(Arrays.stream(POPULARITY).min().orElseThrow()).isPositive();
    }

    @Test
    void sameSeedSamePopulationAndRequests() {
        Population a = build(42, 1000);
        Population b = build(42, 1000);
        assertThat(a.holdings).isDeepEqualTo(b.holdings);
        assertThat(a.participant).isEqualTo(b.participant);
        assertThat(RequestStream.generate(a)).isEqualTo(RequestStream.generate(b));
        assertThat(Arrays.deepEquals(build(43, 1000).holdings, a.holdings)).isFalse();
    }

    @Test
    void hostsHoldTheirImageTheirAppsAndSomeUniqueBlobs() {
        Population pop = build(1, 1000);
        double perHost = Arrays.stream(pop.holdings).mapToInt(h -> h.length).average().orElseThrow();
        // 80 base packages + 40 apps + ~2 internal + 3 unique (the model's 124.6 at 10,000 hosts).
        assertThat(perHost).isCloseTo(124.6, within(3.0));
        for (int h = 0; h < pop.hosts(); h++) {
            int base = 0;
            for (int item : pop.holdings[h]) {
                int p = pop.pkg(item);
                if (p >= 0 && p < pop.basePackages) {
                    assertThat(p / pop.params.basePackagesPerImage()).isEqualTo(pop.image[h]);
                    base++;
                }
            }
            assertThat(base).isEqualTo(80);
        }
    }

    @Test
    void optInSelectsParticipants() {
        Population pop = PopulationBuilder.build(ModelParams.defaults().withHosts(2000).withOptin(0.3), POPULARITY);
        assertThat(pop.participants() / 2000.0).isCloseTo(0.3, within(0.03));
    }

    @Test
    void appScaleReachesTheTargetSum() {
        double[] d = {1, 10, 100, 1000, 1e6};
        double c = PopulationBuilder.scaleFor(d, 1.5);
        assertThat(Arrays.stream(d).map(x -> Math.min(0.9, c * x)).sum()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void geometricSkippingMatchesBernoulliRates() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] count = {0};
        Draw.bernoulliIndices(rng, 1_000_000, 0.01, i -> count[0]++);
        assertThat(count[0]).isBetween(9_500, 10_500);
        int[] all = {0};
        Draw.bernoulliIndices(rng, 10, 1.0, i -> all[0]++);
        assertThat(all[0]).isEqualTo(10);
    }

    @Test
    void requestsAreForItemsTheRequesterLacks() {
        Population pop = build(3, 1000);
        RequestStream.Request[] requests = RequestStream.generate(pop);
        assertThat(requests).hasSize(20_000);
        long unique = Arrays.stream(requests).filter(r -> r.item() < 0).count();
        assertThat(unique / 20_000.0).isBetween(0.04, 0.08);
        for (RequestStream.Request r : requests) {
            if (r.item() >= 0) {
                assertThat(pop.holds(r.host(), r.item())).isFalse();
                assertThat(pop.isLatest(r.item())).isTrue();
            }
        }
    }
}
