package io.intinode.node.privacy;

import java.util.Locale;

/** Config {@code share.mode}: what a host announces and serves. */
public enum ShareMode {
    /** Announce and serve nothing (the default). */
    OFF,
    /** Every shareable latest blob: identifying, meant for trusted offices only. */
    ALL,
    /** Exactly one public canonical set (recommended). */
    CANONICAL;

    public static ShareMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("share.mode must be off, all or canonical: " + text, e);
        }
    }
}
