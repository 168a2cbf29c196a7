package io.intinode.node.privacy;

import io.intinode.node.privacy.canon.Ladder;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what a host announces (globally and on the LAN) and what it fetches first. Pure: the
 * clock only tells whether the manifest has expired; counts of other announcers come as input.
 *
 * <p>Canonical mode: a host announces exactly one ladder level C[j], the deepest whose holes
 * |C[j] \ holdings| are at most min(φ·|C[j]|, hole budget), or as a donor the deepest D[j] within its caps. Called
 * again with the level it announced and fresh class counts, it keeps the level while at least k
 * hosts (and office_k LAN peers) announce it, else steps down to its next qualifying level; level
 * 0 (nothing) is final for the manifest's epoch.
 *
 * <p>Stand-in rule: when fewer than office_k LAN peers announce nothing (typically one host too far behind on
 * updates to fill any level within φ and the hole budget), one announcing host, elected the same way by every
 * host that sees the same LAN ({@link LanView#electsSelf}), announces nothing too, so that no coworker sees a
 * class of one. It stands in only while the rule holds.
 */
public final class SharePolicy {
    private final PrivacyConfig config;
    private final Clock clock;

    public SharePolicy(PrivacyConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PrivacyConfig config() {
        return config;
    }

    public <K> SharePlan<K> decide(ShareRequest<K> request) {
        return switch (config.mode()) {
            case OFF -> SharePlan.nothing();
            case ALL -> new SharePlan<>(
                    Eligibility.eligible(request.holdings(), request.latest(), config.deniedPackages()), Set.of(),
                    Set.of(), LevelRef.NONE, false);
            case CANONICAL -> canonical(request);
        };
    }

    private <K> SharePlan<K> canonical(ShareRequest<K> request) {
        Set<K> held = new HashSet<>();
        Set<K> unshareable = new HashSet<>();
        for (Holding<K> h : request.holdings()) {
            held.add(h.blob());
            if (!h.shareable() || (h.pkg() != null && config.deniedPackages().contains(h.pkg()))) {
                unshareable.add(h.blob());
            }
        }
        Ladder<K> ladder = config.donor().enabled() ? request.donors() : request.profile();
        boolean expired = clock.instant().isAfter(request.manifestNotAfter());
        int level = 0;
        Set<K> global = Set.of();
        // A host that cannot announce the whole office set announces none of it, so that its LAN
        // view never differs from its coworkers' by one withheld blob.
        Set<K> office = request.officeSet().stream().anyMatch(unshareable::contains) ? Set.of() : request.officeSet();
        if (ladder != null && !expired) {
            boolean[] qualifies = qualifying(ladder, held, blockedLevel(ladder, unshareable), office);
            level = backOff(ladder, qualifies, request.previous(), request.counts());
            if (level > 0 && request.lan().lonelyEmpty(config.officeK())
                    && request.lan().electsSelf(new LevelRef(ladder.name(), level), config.officeK())) {
                return SharePlan.standIn();
            }
            global = ladder.level(level);
        }
        // A host with no level announces none of the office set: it then looks like a
        // non-participant on the LAN too, where "office set but no level" could be a class of one.
        Set<K> lanOnly = new HashSet<>(level == 0 ? Set.of() : office);
        lanOnly.removeAll(global);
        Set<K> fetch = holes(global, held);
        fetch.addAll(holes(lanOnly, held));
        LevelRef ref = level == 0 ? LevelRef.NONE : new LevelRef(ladder.name(), level);
        return new SharePlan<>(global, Set.copyOf(lanOnly), Set.copyOf(fetch), ref, false);
    }

    private static <K> Set<K> holes(Set<K> set, Set<K> held) {
        Set<K> holes = new HashSet<>();
        for (K blob : set) {
            if (!held.contains(blob)) {
                holes.add(blob);
            }
        }
        return holes;
    }

    /** The first level containing a blob this host must not announce (held unshareable or denied). */
    private <K> int blockedLevel(Ladder<K> ladder, Set<K> unshareable) {
        int blocked = Integer.MAX_VALUE;
        for (K blob : unshareable) {
            int l = ladder.levelOf(blob);
            if (l > 0) {
                blocked = Math.min(blocked, l);
            }
        }
        for (String pkg : config.deniedPackages()) {
            int l = ladder.firstLevelOfPackage(pkg);
            if (l > 0) {
                blocked = Math.min(blocked, l);
            }
        }
        return blocked;
    }

    /**
     * qualifies[j]: C[j] is a distinct non-empty set this host may announce. A non-donor's fetches
     * for it, the level's holes plus the office set's blobs it lacks outside C[j], must fit the hole
     * budget (donors fetch their donation by design, bounded by their caps).
     */
    private <K> boolean[] qualifying(Ladder<K> ladder, Set<K> held, int blocked, Set<K> office) {
        int depth = ladder.depth();
        boolean[] qualifies = new boolean[depth + 1];
        int[] heldAt = new int[depth + 1];
        for (K blob : held) {
            heldAt[ladder.levelOf(blob)]++;
        }
        int[] officeMissingAt = new int[depth + 1];
        int officeMissing = 0;
        for (K blob : office) {
            if (!held.contains(blob)) {
                officeMissingAt[ladder.levelOf(blob)]++;
                officeMissing++;
            }
        }
        DonorConfig donor = config.donor();
        int heldSoFar = 0;
        for (int j = 1; j <= depth && j < blocked; j++) {
            heldSoFar += heldAt[j];
            officeMissing -= officeMissingAt[j];
            int size = ladder.size(j);
            if (size == 0 || ladder.canonical(j) != j) {
                continue;
            }
            int holes = size - heldSoFar;
            qualifies[j] = donor.enabled()
                    ? size <= donor.capBlobs() && ladder.bytes(j) <= donor.capBytes()
                    : holes <= config.phi() * size && holes + officeMissing <= config.holeBudget();
        }
        return qualifies;
    }

    private int backOff(Ladder<?> ladder, boolean[] qualifies, LevelRef previous, ClassCounts counts) {
        int deepest = nextBelow(qualifies, qualifies.length);
        if (previous == null || (!previous.isNone() && !previous.ladder().equals(ladder.name()))) {
            return deepest; // first decision under this manifest: join tentatively
        }
        int p = previous.level();
        if (p == 0) {
            return 0;
        }
        if (p < qualifies.length && qualifies[p] && classLargeEnough(counts.of(previous))) {
            return p;
        }
        return nextBelow(qualifies, Math.min(p, qualifies.length));
    }

    private boolean classLargeEnough(ClassCounts.Count count) {
        return count.global() >= config.k() && (config.officeK() == 0 || count.lan() >= config.officeK());
    }

    private static int nextBelow(boolean[] qualifies, int below) {
        for (int j = below - 1; j >= 1; j--) {
            if (qualifies[j]) {
                return j;
            }
        }
        return 0;
    }
}
