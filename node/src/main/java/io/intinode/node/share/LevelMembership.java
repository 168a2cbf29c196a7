package io.intinode.node.share;

import io.intinode.node.privacy.ClassCounts;
import io.intinode.node.privacy.LevelRef;
import io.intinode.node.privacy.PrivacyConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where this host stands with its level from round to round, around the policy's own rule (keep the level while
 * the class is large enough, else step down; nothing is final): pure, the instant comes as an argument.
 *
 * <ul>
 *   <li>A host whose holdings qualified for no level yet decides afresh (holdings arrive over time); only a
 *       step down to nothing is final for the epoch.
 *   <li>A tentative level's class check is deferred for the join window: hosts reach a level one by one.
 *   <li>A confirmed level is left only after {@link #SHORT_ROUNDS_TO_LEAVE} short counts in a row.
 * </ul>
 */
final class LevelMembership {
    /** A confirmed level is left only after this many short counts in a row: one lost probe must not decide. */
    static final int SHORT_ROUNDS_TO_LEAVE = 3;
    private static final ClassCounts.Count PASS = new ClassCounts.Count(Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final ClassCounts.Count NONE = new ClassCounts.Count(0, 0);

    private final PrivacyConfig config;
    private final Duration joinWindow;
    private LevelRef previous;
    private boolean confirmed;
    private Instant joinedAt = Instant.MIN;
    private boolean gaveUp;
    private int shortRounds;

    LevelMembership(PrivacyConfig config, Duration joinWindow) {
        this.config = config;
        this.joinWindow = joinWindow;
    }

    /** A new epoch, or sharing withdrawn: join afresh. */
    void reset() {
        previous = null;
        confirmed = false;
        gaveUp = false;
        shortRounds = 0;
    }

    /** The host stands in for a lone empty LAN peer: it holds no level and decides afresh next round. */
    void standIn() {
        previous = null;
        confirmed = false;
        shortRounds = 0;
    }

    /** The level whose class to count before planning, if the host holds one. */
    Optional<LevelRef> toCount() {
        return previous == null || previous.isNone() ? Optional.empty() : Optional.of(previous);
    }

    /** What to hand the policy this round. */
    record Input(LevelRef previous, ClassCounts counts, boolean large, boolean graced) {}

    Input input(ClassCounts.Count count, Instant now) {
        boolean large = count.global() >= config.k() && (config.officeK() == 0 || count.lan() >= config.officeK());
        shortRounds = confirmed && !large ? shortRounds + 1 : 0;
        boolean graced = confirmed && shortRounds < SHORT_ROUNDS_TO_LEAVE;
        boolean waiting = graced || (!confirmed && !large && now.isBefore(joinedAt.plus(joinWindow)));
        LevelRef counted = previous;
        ClassCounts.Count given = waiting ? PASS : count;
        LevelRef policyPrevious = previous != null && previous.isNone() && !gaveUp ? null : previous;
        return new Input(policyPrevious, l -> l.equals(counted) ? given : NONE, large, graced);
    }

    /**
     * Records the planned level; returns whether it is confirmed (its class check passed and it is announced).
     *
     * @param announcing whether the level is announced this round (every hole filled)
     */
    boolean record(LevelRef planned, boolean announcing, Input in, Instant now) {
        confirmed = announcing && planned.equals(previous) && (in.large() || in.graced());
        if (!planned.equals(previous)) {
            joinedAt = now;
        }
        gaveUp |= planned.isNone() && previous != null && !previous.isNone();
        previous = planned;
        return confirmed;
    }
}
