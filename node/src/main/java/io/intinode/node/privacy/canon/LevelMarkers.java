package io.intinode.node.privacy.canon;

import io.intinode.node.privacy.LevelRef;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * The DHT key whose providers are the hosts announcing exactly one level: SHA-256 over a domain
 * string, the publisher, the epoch, the ladder and the level. Its provider count is the class
 * count the policy needs, and providing it says no more than announcing the level's blobs does.
 */
public final class LevelMarkers {
    private static final String DOMAIN = "intinode level marker v1";

    private LevelMarkers() {}

    /** The marker of a level of this manifest; level 0 (nothing) has none. */
    public static Digest key(CanonManifest manifest, LevelRef level) {
        if (level.isNone()) {
            throw new IllegalArgumentException("announcing nothing has no marker");
        }
        if (manifest.publisher().isEmpty()) {
            throw new IllegalArgumentException("an unsigned manifest has no markers");
        }
        String text = String.join("\n", DOMAIN, manifest.publisher(), Long.toString(manifest.epoch()), level.ladder(),
                Integer.toString(level.level()));
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
