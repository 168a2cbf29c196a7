package io.intinode.node.share;

import io.intinode.node.privacy.Holding;
import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.ManifestEntry;
import io.intinode.node.privacy.canon.ProfileLevels;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The cache's blobs as the policy sees them, and a manifest's blobs as a set. */
final class ManifestHoldings {
    private ManifestHoldings() {}

    /**
     * Every blob held: package and version where the manifest lists the blob (the node knows them from nowhere
     * else), unshareable when its stub said {@code "share":false} or a {@code share-deny} line names it.
     */
    static List<Holding<Digest>> of(BlobStore store, CanonManifest manifest, Set<Digest> denied) {
        Map<Digest, ManifestEntry> listed = new HashMap<>();
        for (ProfileLevels p : manifest.profiles()) {
            p.levels().forEach(level -> level.forEach(e -> listed.put(e.digest(), e)));
        }
        try (Stream<BlobInfo> all = store.list()) {
            return all.map(b -> {
                ManifestEntry e = listed.get(b.digest());
                boolean shareable = b.shareable() && !denied.contains(b.digest());
                return new Holding<>(b.digest(), e == null ? null : e.pkg(), e == null ? null : e.version(),
                        shareable);
            }).toList();
        }
    }

    /** Every blob a manifest lists, in any profile and level (an office manifest's office set). */
    static Set<Digest> allBlobs(CanonManifest manifest) {
        Set<Digest> all = new HashSet<>();
        for (ProfileLevels p : manifest.profiles()) {
            p.levels().forEach(level -> level.forEach(e -> all.add(e.digest())));
        }
        return all;
    }
}
