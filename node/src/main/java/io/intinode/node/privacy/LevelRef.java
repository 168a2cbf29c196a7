package io.intinode.node.privacy;

import java.util.Objects;

/**
 * One announceable set: level {@code level} of ladder {@code ladder}. Level 0 is the empty set,
 * the same for every ladder ({@link #NONE}).
 */
public record LevelRef(String ladder, int level) {
    public static final LevelRef NONE = new LevelRef("", 0);

    public LevelRef {
        Objects.requireNonNull(ladder, "ladder");
        if (level < 0) {
            throw new IllegalArgumentException("level must be >= 0: " + level);
        }
        if (level == 0) {
            ladder = "";
        }
    }

    public boolean isNone() {
        return level == 0;
    }
}
