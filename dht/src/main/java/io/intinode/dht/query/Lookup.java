package io.intinode.dht.query;

import io.intinode.dht.core.Distance;
import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One iterative Kademlia lookup as a pure state machine (kad-dht spec, "Peer routing"): the driver calls
 * {@link #next} for what to do, sends the requests it names, and feeds back answers and failures. Time comes in
 * as arguments; nothing here does I/O. Not thread-safe.
 *
 * <p>Peers are walked nearest first. A peer that answered counts towards the k results; one not yet asked is
 * asked while fewer than α requests are in flight; a request past its timeout frees its slot but its answer is
 * still taken if it comes. The lookup ends when the k nearest known peers have answered (none nearer still unasked
 * or pending), when its goal is met, or at its request or time limit.
 */
public final class Lookup {
    private enum State { NOT_CONTACTED, WAITING, UNRESPONSIVE, SUCCEEDED, FAILED }

    private static final int MAX_ADDRS = 16;

    private static final class Candidate {
        PeerInfo info;
        State state = State.NOT_CONTACTED;
        Instant deadline;
        final int depth;

        Candidate(PeerInfo info, int depth) {
            this.info = info;
            this.depth = depth;
        }
    }

    private final Key target;
    private final Goal goal;
    private final LookupConfig config;
    private final PeerId self;
    private final Instant deadline;
    private final TreeMap<Distance, Candidate> candidates = new TreeMap<>();
    private final Map<PeerId, Distance> distances = new HashMap<>();
    private final LinkedHashMap<PeerId, PeerInfo> providers = new LinkedHashMap<>();
    private int requests;
    private int decidingHops;
    private PeerInfo foundPeer;
    private LookupResult result;

    /**
     * @param self our own id, never asked nor returned
     * @param seeds the closest peers from our routing table
     */
    public Lookup(Key target, Goal goal, LookupConfig config, PeerId self, List<PeerInfo> seeds, Instant now) {
        this.target = target;
        this.goal = goal;
        this.config = config;
        this.self = self;
        this.deadline = now.plus(config.lookupTimeout());
        for (PeerInfo p : seeds) {
            learn(p, 1);
        }
    }

    public Key target() {
        return target;
    }

    public Goal goal() {
        return goal;
    }

    public LookupStep next(Instant now) {
        if (result != null) {
            return new LookupStep.Finished(result);
        }
        if (!now.isBefore(deadline)) {
            return finish(LookupResult.Outcome.TIMED_OUT);
        }
        int inFlight = 0;
        Instant earliest = deadline;
        for (Candidate c : candidates.values()) {
            if (c.state == State.WAITING && !now.isBefore(c.deadline)) {
                c.state = State.UNRESPONSIVE;
            } else if (c.state == State.WAITING) {
                inFlight++;
                earliest = min(earliest, c.deadline);
            }
        }
        // answers count towards the k results only while every nearer peer has answered or given up: answers
        // from far seeds must not end the lookup while nearer peers it learned of are still unasked or pending
        int answered = 0;
        boolean settled = true;
        List<PeerInfo> send = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            switch (c.state) {
                case SUCCEEDED -> answered += settled ? 1 : 0;
                case NOT_CONTACTED -> {
                    settled = false;
                    if (inFlight < config.alpha() && requests < config.maxRequests()) {
                        c.state = State.WAITING;
                        c.deadline = now.plus(config.requestTimeout());
                        earliest = min(earliest, c.deadline);
                        requests++;
                        inFlight++;
                        send.add(c.info);
                    }
                }
                case WAITING -> settled = false;
                case UNRESPONSIVE, FAILED -> { }
            }
            if (answered >= config.k()
                    || (!settled && (inFlight >= config.alpha() || requests >= config.maxRequests()))) {
                break;
            }
        }
        if (!send.isEmpty()) {
            return new LookupStep.Send(send);
        }
        if (answered >= config.k()) {
            return finish(LookupResult.Outcome.CONVERGED);
        }
        if (inFlight > 0) {
            return new LookupStep.Wait(earliest);
        }
        boolean unasked = candidates.values().stream().anyMatch(c -> c.state == State.NOT_CONTACTED);
        return finish(unasked ? LookupResult.Outcome.REQUEST_LIMIT : LookupResult.Outcome.EXHAUSTED);
    }

    /**
     * An answer from {@code from}: the closer peers it named and, for a providers lookup, the providers it knows.
     * Returns the providers not seen before in this lookup, for streaming to the caller.
     */
    public List<PeerInfo> onSuccess(PeerId from, List<PeerInfo> closerPeers, List<PeerInfo> newProviders) {
        Candidate c = candidate(from);
        if (c == null || result != null || (c.state != State.WAITING && c.state != State.UNRESPONSIVE)) {
            return List.of();
        }
        c.state = State.SUCCEEDED;
        for (PeerInfo p : closerPeers) {
            if (goal instanceof Goal.Peer(PeerId sought) && p.id().equals(sought) && !p.addrs().isEmpty()) {
                foundPeer = p;
                decidingHops = c.depth;
            }
            learn(p, c.depth + 1);
        }
        List<PeerInfo> fresh = new ArrayList<>();
        if (goal instanceof Goal.Providers) {
            for (PeerInfo p : newProviders) {
                if (providers.putIfAbsent(p.id(), p) == null) {
                    fresh.add(p);
                    if (providers.size() == 1) {
                        decidingHops = c.depth;
                    }
                }
            }
        }
        if (goal instanceof Goal.Peer(PeerId sought) && from.equals(sought)) {
            foundPeer = c.info;
            decidingHops = c.depth;
        }
        if (foundPeer != null) {
            finish(LookupResult.Outcome.FOUND_PEER);
        } else if (goal instanceof Goal.Providers(int wanted) && providers.size() >= wanted) {
            finish(LookupResult.Outcome.ENOUGH_PROVIDERS);
        }
        return fresh;
    }

    /** The request to {@code from} failed (refused, reset, bad answer); it is not asked again. */
    public void onFailure(PeerId from) {
        Candidate c = candidate(from);
        if (c != null && (c.state == State.WAITING || c.state == State.UNRESPONSIVE)) {
            c.state = State.FAILED;
        }
    }

    public boolean isFinished() {
        return result != null;
    }

    private Candidate candidate(PeerId id) {
        Distance d = distances.get(id);
        return d == null ? null : candidates.get(d);
    }

    private void learn(PeerInfo p, int depth) {
        if (p.id().equals(self)) {
            return;
        }
        Distance d = distances.get(p.id());
        if (d != null) {
            Candidate known = candidates.get(d);
            if (known != null) {
                known.info = mergeAddrs(known.info, p);
            }
            return;
        }
        d = target.distance(p.key());
        if (candidates.size() >= config.maxCandidates() && !evictFartherThan(d)) {
            return;
        }
        candidates.put(d, new Candidate(p, depth));
        distances.put(p.id(), d);
    }

    /** Forgets the farthest peer not yet asked, if it is farther than {@code d}. */
    private boolean evictFartherThan(Distance d) {
        for (Map.Entry<Distance, Candidate> e : candidates.descendingMap().entrySet()) {
            if (e.getKey().compareTo(d) < 0) {
                return false;
            }
            if (e.getValue().state == State.NOT_CONTACTED) {
                candidates.remove(e.getKey());
                distances.remove(e.getValue().info.id());
                return true;
            }
        }
        return false;
    }

    private static PeerInfo mergeAddrs(PeerInfo known, PeerInfo update) {
        if (known.addrs().containsAll(update.addrs())) {
            return known;
        }
        LinkedHashSet<Multiaddr> addrs = new LinkedHashSet<>(known.addrs());
        for (Iterator<Multiaddr> it = update.addrs().iterator(); it.hasNext() && addrs.size() < MAX_ADDRS; ) {
            addrs.add(it.next());
        }
        return new PeerInfo(known.id(), List.copyOf(addrs));
    }

    private LookupStep finish(LookupResult.Outcome outcome) {
        List<PeerInfo> closest = new ArrayList<>();
        Candidate nearest = null;
        for (Candidate c : candidates.values()) {
            if (c.state == State.SUCCEEDED && closest.size() < config.k()) {
                closest.add(c.info);
                nearest = nearest == null ? c : nearest;
            }
        }
        int hops = decidingHops > 0 ? decidingHops : nearest == null ? 0 : nearest.depth;
        result = new LookupResult(outcome, closest, List.copyOf(providers.values()), Optional.ofNullable(foundPeer),
                requests, hops);
        return new LookupStep.Finished(result);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
