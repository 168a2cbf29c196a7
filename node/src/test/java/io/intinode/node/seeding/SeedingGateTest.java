package io.intinode.node.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.seeding.SystemState.Metered;
import io.intinode.node.seeding.SystemState.Power;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedingGateTest {
    @TempDir
    Path dir;

    @Test
    void closesWhenTheCapIsReachedAndFollowsRefreshedReadings() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
        AtomicReference<SystemState> os = new AtomicReference<>(new SystemState(Power.MAINS, Metered.NO));
        SeedingGate gate = new SeedingGate(new GateConfig(1000, 0, Optional.empty(), false, false, ZoneOffset.UTC),
                UploadLedger.open(dir.resolve("ledger"), ZoneOffset.UTC, clock.instant()), clock, os::get);
        gate.uploaded(999);
        assertThat(gate.open()).isTrue();
        gate.uploaded(1);
        assertThat(gate.open()).isFalse();
        assertThat(gate.uploadedThisMonth()).isEqualTo(1000);

        SeedingGate other = new SeedingGate(GateConfig.DEFAULTS,
                UploadLedger.open(dir.resolve("ledger2"), ZoneOffset.UTC, clock.instant()), clock, os::get);
        os.set(new SystemState(Power.BATTERY, Metered.NO));
        assertThat(other.open()).as("readings are cached until refreshed").isTrue();
        other.refresh();
        assertThat(other.decision().closed()).containsExactly("on battery");
    }
}
