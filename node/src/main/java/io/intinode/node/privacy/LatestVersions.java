package io.intinode.node.privacy;

/** Knows the latest version of each package (from the manifest or the package source). */
@FunctionalInterface
public interface LatestVersions {
    boolean isLatest(String pkg, String version);
}
