package io.intinode.node.privacy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The office set O: latest blobs common in the office but rare globally (internal builds). Every
 * office participant fills it and announces it to LAN peers only, so each coworker's LAN view of
 * it is the same. Computed from the same counts by every participant, it comes out the same.
 */
public final class OfficeSetPolicy {
    /** A blob counts as globally rare below n / RARE_DIVISOR holders. */
    public static final int RARE_DIVISOR = 64;

    /** A latest blob held in the office: by how many office participants and how many overall. */
    public record Candidate<K>(K blob, int lanHolders, long globalHolders) {}

    private OfficeSetPolicy() {}

    /**
     * O = blobs held by at least max(k, ρ·P) of the P office participants and by fewer than
     * n/64 of the n participants overall; empty when ρ is 0.
     */
    public static <K> Set<K> select(List<Candidate<K>> candidates, int officeParticipants, long globalParticipants,
            int k, double rho) {
        Set<K> out = new HashSet<>();
        if (rho <= 0) {
            return out;
        }
        double lanThreshold = Math.max(k, rho * officeParticipants);
        double rareBelow = (double) globalParticipants / RARE_DIVISOR;
        for (Candidate<K> c : candidates) {
            if (c.lanHolders() >= lanThreshold && c.globalHolders() < rareBelow) {
                out.add(c.blob());
            }
        }
        return out;
    }
}
