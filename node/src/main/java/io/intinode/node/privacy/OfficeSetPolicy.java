package io.intinode.node.privacy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The office set O: latest blobs common in the office but rare globally (internal builds). Every
 * office participant fills it and announces it to LAN peers only, so each coworker's LAN view of
 * it is the same. Computed from the same counts by every participant, it comes out the same.
 *
 * <p>Office counts are over the office's hosts, participating or not: the office's registry logs
 * every machine's download, and counting only participants would leave the internal builds out of
 * O exactly where few hosts opt in (an office of 50 at 30 % opt-in has about 15 participants, fewer
 * than max(k, ρ·15) hold a typical internal build). The threshold max(k, ρ·M) over M hosts stays at
 * least k, so every listed blob is held by at least k machines of the office, and an office of fewer
 * than k hosts gets no office set at all.
 */
public final class OfficeSetPolicy {
    /** A blob counts as globally rare below n / RARE_DIVISOR holders. */
    public static final int RARE_DIVISOR = 64;

    /** A latest blob held in the office: by how many office hosts and how many hosts overall. */
    public record Candidate<K>(K blob, int lanHolders, long globalHolders) {}

    private OfficeSetPolicy() {}

    /**
     * O = blobs held by at least max(k, ρ·M) of the M office hosts and by fewer than n/64 of the
     * n participants overall; empty when ρ is 0.
     */
    public static <K> Set<K> select(List<Candidate<K>> candidates, int officeHosts, long globalParticipants,
            int k, double rho) {
        Set<K> out = new HashSet<>();
        if (rho <= 0) {
            return out;
        }
        double lanThreshold = Math.max(k, rho * officeHosts);
        double rareBelow = (double) globalParticipants / RARE_DIVISOR;
        for (Candidate<K> c : candidates) {
            if (c.lanHolders() >= lanThreshold && c.globalHolders() < rareBelow) {
                out.add(c.blob());
            }
        }
        return out;
    }
}
