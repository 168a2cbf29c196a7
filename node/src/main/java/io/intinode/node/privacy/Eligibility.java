package io.intinode.node.privacy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which held blobs may be announced at all: shareable, not denied, latest version of a package. */
public final class Eligibility {
    private Eligibility() {}

    public static <K> Set<K> eligible(List<Holding<K>> holdings, LatestVersions latest, Set<String> denied) {
        Set<K> out = new HashSet<>();
        for (Holding<K> h : holdings) {
            if (isEligible(h, latest, denied)) {
                out.add(h.blob());
            }
        }
        return out;
    }

    static <K> boolean isEligible(Holding<K> h, LatestVersions latest, Set<String> denied) {
        // A blob of no package (own build, private file) has no public class to hide in.
        return h.shareable() && h.pkg() != null && !denied.contains(h.pkg()) && latest.isLatest(h.pkg(), h.version());
    }
}
