package io.intinode.node.share;

import io.intinode.node.privacy.PrivacyConfig;
import io.intinode.node.privacy.canon.PublisherKey;
import io.intinode.store.Digest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The node's sharing settings, from its config file.
 *
 * @param privacy the policy, its mode and thresholds ({@code share-mode}, {@code share-k}, …)
 * @param profile this host's profile in the manifest (an OS release, a base image)
 * @param publishers the publisher keys whose manifests are trusted
 * @param manifest the canonical manifest to follow
 * @param officeManifest the office's LAN-scope manifest: every blob it lists is the office set
 * @param deniedBlobs blobs never announced (not even as filler: they cap the level)
 * @param replanEvery how often the plan is recomputed (and class counts refreshed) without a holdings change
 * @param joinWindow how long a tentative level waits for its class to form before the class check may fail it
 *     (hosts reach a level one by one; without it the first to arrive would find itself alone and leave)
 */
public record ShareSettings(PrivacyConfig privacy, Optional<String> profile, Set<PublisherKey> publishers,
        Optional<ManifestRef> manifest, Optional<ManifestRef> officeManifest, Set<Digest> deniedBlobs,
        Duration replanEvery, Duration joinWindow) {
    public static final Duration DEFAULT_REPLAN = Duration.ofMinutes(10);
    public static final Duration DEFAULT_JOIN_WINDOW = Duration.ofMinutes(30);

    public ShareSettings {
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(officeManifest, "officeManifest");
        publishers = Set.copyOf(publishers);
        deniedBlobs = Set.copyOf(deniedBlobs);
        if (replanEvery.isNegative() || replanEvery.isZero()) {
            throw new IllegalArgumentException("share interval must be positive: " + replanEvery);
        }
        if (joinWindow.isNegative()) {
            throw new IllegalArgumentException("join window must be >= 0: " + joinWindow);
        }
    }

    /** Sharing off, nothing configured. */
    public static ShareSettings off() {
        return new ShareSettings(PrivacyConfig.defaults(), Optional.empty(), Set.of(), Optional.empty(),
                Optional.empty(), Set.of(), DEFAULT_REPLAN, DEFAULT_JOIN_WINDOW);
    }

    public ShareSettings withPrivacy(PrivacyConfig p) {
        return new ShareSettings(p, profile, publishers, manifest, officeManifest, deniedBlobs, replanEvery,
                joinWindow);
    }
}
