package io.intinode.fuse.mount;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of one mount.
 *
 * @param source the skinny tree shown read-only
 * @param mountPoint an existing directory outside {@code source}
 * @param fetchTimeout longest an open() waits for a stub's content before it answers EIO
 * @param metadataTimeout longest any call waits on the source tree (stat, list, readlink)
 * @param cacheTimeout how long the kernel may trust attributes and names without asking again
 * @param maxThreads FUSE worker threads; each fetch in flight holds one
 */
public record MountConfig(Path source, Path mountPoint, Duration fetchTimeout, Duration metadataTimeout,
                          Duration cacheTimeout, int maxThreads) {
    public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_METADATA_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CACHE_TIMEOUT = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_THREADS = 64;

    public MountConfig {
        if (fetchTimeout.isNegative() || fetchTimeout.isZero() || metadataTimeout.isNegative() || metadataTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (cacheTimeout.isNegative()) {
            throw new IllegalArgumentException("cache timeout must not be negative");
        }
        if (maxThreads < 2) {
            throw new IllegalArgumentException("need at least 2 FUSE threads, got " + maxThreads);
        }
    }

    public static MountConfig of(Path source, Path mountPoint) {
        return new MountConfig(source, mountPoint, DEFAULT_FETCH_TIMEOUT, DEFAULT_METADATA_TIMEOUT,
                DEFAULT_CACHE_TIMEOUT, DEFAULT_MAX_THREADS);
    }

    public MountConfig withFetchTimeout(Duration timeout) {
        return new MountConfig(source, mountPoint, timeout, metadataTimeout, cacheTimeout, maxThreads);
    }
}
