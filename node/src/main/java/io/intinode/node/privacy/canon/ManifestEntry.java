package io.intinode.node.privacy.canon;

import io.intinode.store.Digest;
import java.util.Objects;

/** One blob of a manifest level: its digest, package, latest version and size (0 = not given). */
public record ManifestEntry(Digest digest, String pkg, String version, long sizeBytes) {
    public ManifestEntry {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(pkg, "package");
        Objects.requireNonNull(version, "version");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + sizeBytes);
        }
    }
}
