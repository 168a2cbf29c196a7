package io.intinode.dht.query;

import io.intinode.dht.core.PeerInfo;
import java.util.List;
import java.util.Optional;

/**
 * How a lookup ended.
 *
 * @param closest peers that answered, nearest first, at most k
 * @param providers every distinct provider found, in the order found
 * @param peer the sought peer, for a {@link Goal.Peer} lookup that found it
 * @param requests requests sent
 * @param hops sequential request rounds to the deciding answer: the first provider, the sought peer, or else
 *     the nearest peer that answered (asking a seed from our own table is hop 1)
 */
public record LookupResult(Outcome outcome, List<PeerInfo> closest, List<PeerInfo> providers, Optional<PeerInfo> peer,
        int requests, int hops) {
    public enum Outcome {
        /** The k closest peers known have all answered. */
        CONVERGED,
        /** Every known peer was asked and fewer than k answered (a small or failing network). */
        EXHAUSTED,
        /** A {@link Goal.Providers} lookup found as many providers as wanted. */
        ENOUGH_PROVIDERS,
        /** A {@link Goal.Peer} lookup found the peer. */
        FOUND_PEER,
        REQUEST_LIMIT,
        TIMED_OUT
    }

    public LookupResult {
        closest = List.copyOf(closest);
        providers = List.copyOf(providers);
    }
}
