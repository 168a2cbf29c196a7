package io.intinode.node.privacy;

/**
 * How many hosts announce each level, this host included: globally (DHT provider counts of the
 * level's marker blobs, probed) and among LAN peers.
 */
@FunctionalInterface
public interface ClassCounts {
    /** Announcers of one level. */
    record Count(int global, int lan) {}

    Count of(LevelRef level);
}
