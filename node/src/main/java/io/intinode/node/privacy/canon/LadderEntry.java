package io.intinode.node.privacy.canon;

import java.util.Objects;

/**
 * One blob of a canonical ladder: it belongs to every level from {@code level} down the ladder
 * (levels are nested, so an entry is listed once at the shallowest level that contains it).
 *
 * @param blob the blob key (a {@code Digest} in the node, an item number in the simulation)
 * @param pkg the package the blob belongs to (deny rules match on it)
 * @param version the package version (manifests carry only latest versions)
 * @param level the first level (1-based) whose set contains the blob
 * @param sizeBytes the blob size, or 0 when the publisher did not give one
 */
public record LadderEntry<K>(K blob, String pkg, String version, int level, long sizeBytes) {
    public LadderEntry {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(version, "version");
        if (level < 1) {
            throw new IllegalArgumentException("level must be >= 1: " + level);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + sizeBytes);
        }
    }
}
