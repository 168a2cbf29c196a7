package io.intinode.node.privacy.canon;

import io.intinode.node.privacy.LatestVersions;
import io.intinode.store.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A canonical manifest: the public ladders of one epoch, one per profile (an OS release, a base
 * image), signed by a publisher. The donor ladder is derived from the profiles.
 *
 * @param publisher the publisher's key ({@link PublisherKey} text form), or "" before signing
 * @param epoch increases with each manifest of the publisher
 * @param notAfter when hosts stop using it
 * @param k the smallest support a listed blob had
 * @param profiles the ladders, sorted by profile name
 */
public record CanonManifest(String publisher, long epoch, Instant notAfter, int k, List<ProfileLevels> profiles) {
    public static final String DONOR_LADDER = "donor";

    public CanonManifest {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(notAfter, "notAfter");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        List<ProfileLevels> sorted = new ArrayList<>(profiles);
        sorted.sort(Comparator.comparing(ProfileLevels::profile));
        Set<String> names = new HashSet<>();
        for (ProfileLevels p : sorted) {
            if (!names.add(p.profile())) {
                throw new IllegalArgumentException("profile listed twice: " + p.profile());
            }
            if (p.profile().equals(DONOR_LADDER)) {
                throw new IllegalArgumentException("'" + DONOR_LADDER + "' is reserved for the donor ladder");
            }
        }
        profiles = List.copyOf(sorted);
    }

    public CanonManifest withPublisher(String key) {
        return new CanonManifest(key, epoch, notAfter, k, profiles);
    }

    public Optional<ProfileLevels> profile(String name) {
        return profiles.stream().filter(p -> p.profile().equals(name)).findFirst();
    }

    /**
     * The manifest as a source of latest versions: a version is the latest if some profile lists
     * the package at that version (manifests carry only latest versions; profiles may differ).
     */
    public LatestVersions latestVersions() {
        Set<String> listed = new HashSet<>();
        for (ProfileLevels p : profiles) {
            for (List<ManifestEntry> level : p.levels()) {
                for (ManifestEntry e : level) {
                    listed.add(e.pkg() + "\0" + e.version());
                }
            }
        }
        return (pkg, version) -> listed.contains(pkg + "\0" + version);
    }

    /** D[j] = ∪ C[b][j] over the profiles. */
    public Ladder<Digest> donorLadder() {
        return Ladder.union(DONOR_LADDER, profiles.stream().map(ProfileLevels::toLadder).toList());
    }
}
