package io.intinode.node.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.privacy.ClassCounts.Count;
import io.intinode.node.privacy.LevelRef;
import io.intinode.node.privacy.PrivacyConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The node's rules around the policy's previous level, without a policy: the planned level is given. */
class LevelMembershipTest {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static final LevelRef L2 = new LevelRef("p", 2);
    private static final Count FULL = new Count(5, 2);
    private static final Count SHORT = new Count(4, 2);

    private final LevelMembership m = new LevelMembership(PrivacyConfig.canonical(), Duration.ofMinutes(30));

    @Test
    void aFirstDecisionHasNoPreviousLevelAndNothingToCount() {
        assertThat(m.toCount()).isEmpty();
        assertThat(m.input(new Count(0, 0), T0).previous()).isNull();
    }

    @Test
    void nothingQualifyingIsNotFinalButSteppingDownToNothingIs() {
        LevelMembership.Input in = m.input(new Count(0, 0), T0);
        m.record(LevelRef.NONE, false, in, T0);
        assertThat(m.input(new Count(0, 0), T0).previous()).as("decide afresh").isNull();

        m.record(L2, true, m.input(new Count(0, 0), T0), T0);
        m.record(LevelRef.NONE, false, m.input(SHORT, T0.plus(Duration.ofHours(1))), T0.plus(Duration.ofHours(1)));
        assertThat(m.input(FULL, T0).previous()).as("stepped down: final").isEqualTo(LevelRef.NONE);
    }

    @Test
    void theClassCheckOfATentativeLevelWaitsForTheJoinWindow() {
        m.record(L2, true, m.input(new Count(0, 0), T0), T0);
        assertThat(m.toCount()).contains(L2);
        LevelMembership.Input early = m.input(new Count(1, 1), T0.plus(Duration.ofMinutes(29)));
        assertThat(early.counts().of(L2).global()).as("deferred: the policy keeps the level").isEqualTo(Integer.MAX_VALUE);
        assertThat(m.record(L2, true, early, T0.plus(Duration.ofMinutes(29)))).as("but it is not confirmed").isFalse();
        LevelMembership.Input late = m.input(new Count(1, 1), T0.plus(Duration.ofMinutes(31)));
        assertThat(late.counts().of(L2)).isEqualTo(new Count(1, 1));
    }

    @Test
    void aConfirmedLevelSurvivesTwoShortCountsButNotThree() {
        m.record(L2, true, m.input(new Count(0, 0), T0), T0);
        assertThat(m.record(L2, true, m.input(FULL, T0), T0)).isTrue();
        for (int i = 1; i < LevelMembership.SHORT_ROUNDS_TO_LEAVE; i++) {
            LevelMembership.Input in = m.input(SHORT, T0);
            assertThat(in.counts().of(L2).global()).isEqualTo(Integer.MAX_VALUE);
            assertThat(m.record(L2, true, in, T0)).isTrue();
        }
        assertThat(m.input(SHORT, T0).counts().of(L2)).as("third short count goes to the policy").isEqualTo(SHORT);
    }

    @Test
    void aLevelWithHolesIsNotConfirmedAndOtherLevelsCountZero() {
        m.record(L2, true, m.input(new Count(0, 0), T0), T0);
        LevelMembership.Input in = m.input(FULL, T0);
        assertThat(in.counts().of(new LevelRef("p", 1))).isEqualTo(new Count(0, 0));
        assertThat(m.record(L2, false, in, T0)).isFalse();
    }
}
