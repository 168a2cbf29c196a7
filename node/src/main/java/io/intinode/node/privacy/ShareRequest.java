package io.intinode.node.privacy;

import io.intinode.node.privacy.canon.Ladder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the policy decides on.
 *
 * @param holdings the blobs this host holds
 * @param latest which versions are the latest
 * @param profile the ladder of this host's profile, or null when the manifest has none for it
 * @param donors the donor ladder, or null without a manifest
 * @param manifestNotAfter when the manifest stops being valid (an expired one is not used)
 * @param previous the level this host announced earlier under the same manifest, or null at first
 * @param counts announcers per level (this host included)
 * @param officeSet the office's LAN-scope set ({@link OfficeSetPolicy}), empty outside an office
 * @param lan what the LAN peers announce ({@link LanView#NONE} when unknown)
 */
public record ShareRequest<K>(List<Holding<K>> holdings, LatestVersions latest, Ladder<K> profile,
        Ladder<K> donors, Instant manifestNotAfter, LevelRef previous, ClassCounts counts, Set<K> officeSet,
        LanView lan) {
    public ShareRequest {
        Objects.requireNonNull(holdings, "holdings");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(manifestNotAfter, "manifestNotAfter");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(officeSet, "officeSet");
        Objects.requireNonNull(lan, "lan");
    }
}
