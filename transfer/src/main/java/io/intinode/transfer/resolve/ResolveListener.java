package io.intinode.transfer.resolve;

import io.intinode.store.BlobInfo;

/**
 * Observes resolution (progress bars, metrics, logs); stages report here instead of logging. While a
 * peer stage hedges, two sources report at once, so implementations must be thread-safe.
 */
public interface ResolveListener {
    ResolveListener NONE = new ResolveListener() {};

    /** Content bytes arrived from {@code source} (a stage name such as "webseed"). */
    default void bytes(String source, long count) {}

    /** {@code source} could not deliver, for the reason given; the next stage is tried. */
    default void failed(String source, String reason) {}

    /** {@code source} delivered the verified blob. */
    default void resolved(String source, BlobInfo blob) {}
}
