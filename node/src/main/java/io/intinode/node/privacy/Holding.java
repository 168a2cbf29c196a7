package io.intinode.node.privacy;

import java.util.Objects;

/**
 * A blob this host holds.
 *
 * @param blob the blob key
 * @param pkg the package it belongs to, or null for a blob of no package (own builds, private files)
 * @param version the package version, or null with no package
 * @param shareable false when its stub says {@code "share":false}
 */
public record Holding<K>(K blob, String pkg, String version, boolean shareable) {
    public Holding {
        Objects.requireNonNull(blob, "blob");
        if ((pkg == null) != (version == null)) {
            throw new IllegalArgumentException("package and version go together: " + pkg + " " + version);
        }
    }
}
