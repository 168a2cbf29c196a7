package io.intinode.dht.query;

import java.time.Duration;

/**
 * Iterative lookup settings.
 *
 * @param k how many closest peers must answer before a lookup is done (the spec's replication parameter)
 * @param alpha requests in flight at once (the spec's concurrency parameter, 3)
 * @param requestTimeout a peer that has not answered within this no longer holds a slot (a late answer still counts)
 * @param lookupTimeout the whole lookup ends by then, answered or not
 * @param maxRequests requests one lookup may send in total
 * @param maxCandidates closest peers remembered; farther ones are forgotten, so a flood of peers is bounded
 */
public record LookupConfig(int k, int alpha, Duration requestTimeout, Duration lookupTimeout, int maxRequests,
        int maxCandidates) {
    public static final LookupConfig DEFAULT =
            new LookupConfig(20, 3, Duration.ofSeconds(3), Duration.ofSeconds(30), 200, 200);

    public LookupConfig {
        if (k < 1 || alpha < 1 || maxRequests < 1 || maxCandidates < k || requestTimeout.isNegative()
                || lookupTimeout.isNegative()) {
            throw new IllegalArgumentException("bad lookup config: k=" + k + " alpha=" + alpha + " maxRequests="
                    + maxRequests + " maxCandidates=" + maxCandidates);
        }
    }

    public LookupConfig withTimeout(Duration lookupTimeout) {
        return new LookupConfig(k, alpha, requestTimeout, lookupTimeout, maxRequests, maxCandidates);
    }
}
