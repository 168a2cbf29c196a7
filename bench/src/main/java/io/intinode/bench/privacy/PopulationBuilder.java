package io.intinode.bench.privacy;

import java.util.SplittableRandom;

/** Draws a population by the model: version clocks, base images, apps by topic, internal packages, unique blobs. */
final class PopulationBuilder {
    private static final double MAX_APP_Q = 0.9;
    private static final double MAX_INTERESTED_P = 0.95;
    private static final double MAX_ALPHA = 3;
    private static final double INTERESTED_TARGET = 0.9;

    private PopulationBuilder() {}

    static Population build(ModelParams params, long[] popularity) {
        SplittableRandom root = new SplittableRandom(params.seed());
        SplittableRandom pkgRng = root.split();
        SplittableRandom hostRng = root.split();
        SplittableRandom appRng = root.split();
        SplittableRandom holdRng = root.split();
        int offices = params.offices();
        int base = ModelParams.IMAGE_SHARES.length * params.basePackagesPerImage();
        Population pop = new Population(params, base + params.apps() + offices * params.internalPerOffice());

        for (int p = 0; p < pop.packages(); p++) {
            pop.rate[p] = p >= pop.firstInternal ? ModelParams.INTERNAL_RATE
                    : ModelParams.RATES[pkgRng.nextInt(ModelParams.RATES.length)];
            pop.phase[p] = pkgRng.nextDouble();
            pop.latest[p] = pop.version(p, 0);
        }
        drawApps(pop, popularity, appRng);
        double[] topicShares = zipf(params.topics());
        drawHosts(pop, topicShares, hostRng);

        IntList[] held = new IntList[params.hosts()];
        for (int h = 0; h < held.length; h++) {
            held[h] = new IntList();
            for (int i = 0; i < params.basePackagesPerImage(); i++) {
                hold(pop, held, h, pop.basePackage(pop.image[h], i), holdRng);
            }
        }
        holdApps(pop, held, holdRng);
        for (int o = 0; o < offices; o++) {
            for (int i = 0; i < params.internalPerOffice(); i++) {
                int pkg = pop.internalPackage(o, i);
                for (int h = o * params.officeSize(); h < o * params.officeSize() + pop.officeSize(o); h++) {
                    if (holdRng.nextDouble() < ModelParams.INTERNAL_HOLD_PROBABILITY) {
                        hold(pop, held, h, pkg, holdRng);
                    }
                }
            }
        }
        for (int h = 0; h < held.length; h++) {
            int unique = Draw.poisson(holdRng, params.uniqueMean());
            for (int i = 0; i < unique; i++) {
                held[h].add(pop.newUniqueItem());
            }
        }
        pop.holdings = new int[held.length][];
        for (int h = 0; h < held.length; h++) {
            pop.holdings[h] = held[h].toSortedArray();
        }
        return pop;
    }

    static double[] zipf(int n) {
        double[] w = new double[n];
        for (int t = 0; t < n; t++) {
            w[t] = 1.0 / (t + 1);
        }
        return w;
    }

    /** Weights sampled without replacement from the popularity data, scaled so Σq = apps per host. */
    private static void drawApps(Population pop, long[] popularity, SplittableRandom rng) {
        int apps = pop.params.apps();
        if (apps > popularity.length) {
            throw new IllegalArgumentException("asked for " + apps + " apps, popularity data has " + popularity.length);
        }
        int[] idx = new int[popularity.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        double[] d = new double[apps];
        for (int j = 0; j < apps; j++) {
            int pick = j + rng.nextInt(idx.length - j);
            int t = idx[j];
            idx[j] = idx[pick];
            idx[pick] = t;
            d[j] = popularity[idx[j]];
        }
        double c = scaleFor(d, pop.params.appsPerHost());
        for (int j = 0; j < apps; j++) {
            pop.appQ[j] = Math.min(MAX_APP_Q, c * d[j]);
            pop.appTopic[j] = rng.nextInt(pop.params.topics());
        }
    }

    /** c with Σ min(0.9, c·d_j) = target, by bisection (the sum grows with c). */
    static double scaleFor(double[] d, double target) {
        if (target >= MAX_APP_Q * d.length) {
            throw new IllegalArgumentException("cannot reach " + target + " apps per host with " + d.length + " apps");
        }
        double lo = 0;
        double hi = 1e-12;
        while (sumQ(d, hi) < target) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (sumQ(d, mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double sumQ(double[] d, double c) {
        double s = 0;
        for (double x : d) {
            s += Math.min(MAX_APP_Q, c * x);
        }
        return s;
    }

    private static void drawHosts(Population pop, double[] topicShares, SplittableRandom rng) {
        ModelParams params = pop.params;
        int offices = params.offices();
        int[] officeImage = new int[offices];
        int[] officeTopic = new int[offices];
        for (int o = 0; o < offices; o++) {
            officeImage[o] = Draw.byShare(rng, ModelParams.IMAGE_SHARES);
            officeTopic[o] = Draw.byShare(rng, topicShares);
        }
        for (int h = 0; h < params.hosts(); h++) {
            int o = pop.office(h);
            pop.lag[h] = ModelParams.LAGS[Draw.byShare(rng, ModelParams.LAG_SHARES)];
            pop.image[h] = rng.nextDouble() < ModelParams.DOMINANT_IMAGE_PROBABILITY ? officeImage[o]
                    : Draw.byShare(rng, ModelParams.IMAGE_SHARES);
            pop.officeTopic[h] = officeTopic[o];
            pop.personalTopic[h] = Draw.byShare(rng, topicShares);
            pop.participant[h] = rng.nextDouble() < params.optin();
        }
    }

    private static void holdApps(Population pop, IntList[] held, SplittableRandom rng) {
        int topics = pop.params.topics();
        int n = pop.hosts();
        IntList[] interested = new IntList[topics];
        IntList[] others = new IntList[topics];
        for (int t = 0; t < topics; t++) {
            interested[t] = new IntList();
            others[t] = new IntList();
            for (int h = 0; h < n; h++) {
                (pop.officeTopic[h] == t || pop.personalTopic[h] == t ? interested[t] : others[t]).add(h);
            }
        }
        for (int j = 0; j < pop.params.apps(); j++) {
            int t = pop.appTopic[j];
            double f = (double) interested[t].size() / n;
            double q = pop.appQ[j];
            double alpha = f > 0 ? Math.min(MAX_ALPHA, INTERESTED_TARGET / f) : 0;
            double beta = f < 1 ? (1 - f * alpha) / (1 - f) : 0;
            int pkg = pop.firstApp + j;
            IntList in = interested[t];
            IntList out = others[t];
            Draw.bernoulliIndices(rng, in.size(), Math.min(MAX_INTERESTED_P, q * alpha),
                    i -> hold(pop, held, in.get(i), pkg, rng));
            Draw.bernoulliIndices(rng, out.size(), q * beta, i -> hold(pop, held, out.get(i), pkg, rng));
        }
    }

    /** Host h holds pkg at its lag, or, pinned with p = 0.02, at lag + U{1..12}. */
    private static void hold(Population pop, IntList[] held, int h, int pkg, SplittableRandom rng) {
        int lag = pop.lag[h];
        if (rng.nextDouble() < ModelParams.PIN_PROBABILITY) {
            lag += 1 + rng.nextInt(ModelParams.MAX_PIN_EXTRA_LAG);
        }
        held[h].add(pop.itemOrNew(pkg, pop.version(pkg, lag)));
    }
}
