package io.intinode.bench.privacy;

import java.util.SplittableRandom;

/**
 * The utility workload: requests by uniformly drawn hosts for items they lack, by the model's mix
 * (update .40, app .35, base .10, internal .10, unique .05).
 */
final class RequestStream {
    /** A request; {@code item} is -1 when nobody holds it (a unique blob, or a version nobody has). */
    record Request(int host, int item) {}

    static final double[] MIX = {0.40, 0.35, 0.10, 0.10, 0.05};
    private static final int UPDATE = 0;
    private static final int APP = 1;
    private static final int BASE = 2;
    private static final int INTERNAL = 3;
    private static final int MAX_REDRAWS = 20;
    private static final long SEED_SALT = 0x5eed_0f_4e9L;

    private final Population pop;
    private final SplittableRandom rng;
    private final double[] globalCumulative;
    private final double[][] topicCumulative;
    private final int[][] topicApps;

    private RequestStream(Population pop, SplittableRandom rng) {
        this.pop = pop;
        this.rng = rng;
        int apps = pop.params.apps();
        globalCumulative = new double[apps];
        double sum = 0;
        for (int j = 0; j < apps; j++) {
            sum += pop.appQ[j];
            globalCumulative[j] = sum;
        }
        int topics = pop.params.topics();
        IntList[] byTopic = new IntList[topics];
        for (int t = 0; t < topics; t++) {
            byTopic[t] = new IntList();
        }
        for (int j = 0; j < apps; j++) {
            byTopic[pop.appTopic[j]].add(j);
        }
        topicApps = new int[topics][];
        topicCumulative = new double[topics][];
        for (int t = 0; t < topics; t++) {
            topicApps[t] = byTopic[t].toArray();
            topicCumulative[t] = new double[topicApps[t].length];
            double s = 0;
            for (int i = 0; i < topicApps[t].length; i++) {
                s += pop.appQ[topicApps[t][i]];
                topicCumulative[t][i] = s;
            }
        }
    }

    /** The request stream of a population; the same for every policy (its own random stream). */
    static Request[] generate(Population pop) {
        RequestStream s = new RequestStream(pop, new SplittableRandom(pop.params.seed() ^ SEED_SALT));
        Request[] out = new Request[pop.params.requests()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.next();
        }
        return out;
    }

    private Request next() {
        int h = rng.nextInt(pop.hosts());
        int type = Draw.byShare(rng, MIX);
        if (type == MIX.length - 1) {
            return new Request(h, -1); // a unique blob: never servable
        }
        // Redraw what h already holds; after 20 redraws switch to app draws (redrawn alike), and
        // if h holds even those, the request counts as one nobody can serve.
        for (int t : new int[] {type, APP}) {
            for (int attempt = 0; attempt <= MAX_REDRAWS; attempt++) {
                int pkg = draw(t, h);
                if (pkg < 0) {
                    break;
                }
                int item = pop.item(pkg, pop.latest[pkg]);
                if (!pop.holds(h, item)) {
                    return new Request(h, item);
                }
            }
        }
        return new Request(h, -1);
    }

    /** The package of a draw of this type (its latest version is requested), or -1 if none. */
    private int draw(int type, int h) {
        return switch (type) {
            case UPDATE -> heldPackage(h);
            case APP -> drawApp(h);
            case BASE -> pop.basePackage(Draw.byShare(rng, ModelParams.IMAGE_SHARES),
                    rng.nextInt(pop.params.basePackagesPerImage()));
            case INTERNAL -> pop.internalPackage(pop.office(h), rng.nextInt(pop.params.internalPerOffice()));
            default -> throw new IllegalStateException("request type " + type);
        };
    }

    private int heldPackage(int h) {
        int[] held = pop.holdings[h];
        int packaged = 0;
        for (int item : held) {
            packaged += pop.pkg(item) != Population.NO_PACKAGE ? 1 : 0;
        }
        if (packaged == 0) {
            return -1;
        }
        int pick = rng.nextInt(packaged);
        for (int item : held) {
            if (pop.pkg(item) != Population.NO_PACKAGE && pick-- == 0) {
                return pop.pkg(item);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Half from one of h's two topics, half over all apps, weighted by q. */
    private int drawApp(int h) {
        if (rng.nextBoolean()) {
            int t = rng.nextBoolean() ? pop.officeTopic[h] : pop.personalTopic[h];
            if (topicApps[t].length > 0) {
                return pop.firstApp + topicApps[t][Draw.byCumulative(rng, topicCumulative[t])];
            }
        }
        return pop.firstApp + Draw.byCumulative(rng, globalCumulative);
    }
}
