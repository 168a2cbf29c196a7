package io.intinode.node.seeding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.node.seeding.GateConfig.Hours;
import io.intinode.node.seeding.SystemState.Metered;
import io.intinode.node.seeding.SystemState.Power;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeedingGatesTest {
    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private static final SystemState DESKTOP = new SystemState(Power.MAINS, Metered.NO);

    private static GateConfig config(long cap, Optional<Hours> hours, boolean battery, boolean metered) {
        return new GateConfig(cap, 0, hours, battery, metered, ZoneOffset.UTC);
    }

    @Test
    void allOpenOnMainsUnmeteredUnderTheCap() {
        SeedingGates.Decision d = new SeedingGates(config(1000, Optional.empty(), false, false)).decide(NOON, 999, DESKTOP);
        assertThat(d.open()).isTrue();
        assertThat(d.notes()).isEmpty();
    }

    @Test
    void theMonthlyCapClosesAtTheCap() {
        SeedingGates g = new SeedingGates(config(1000, Optional.empty(), false, false));
        assertThat(g.decide(NOON, 1000, DESKTOP).closed()).singleElement().asString()
                .contains("monthly upload cap reached: 1000 of 1000 bytes in 2026-11");
        assertThat(new SeedingGates(config(0, Optional.empty(), false, false)).decide(NOON, Long.MAX_VALUE, DESKTOP)
                .open()).as("0 means no cap").isTrue();
    }

    @Test
    void batteryAndMeteredCloseUnlessAllowed() {
        SystemState laptopOnPhone = new SystemState(Power.BATTERY, Metered.YES);
        assertThat(new SeedingGates(config(0, Optional.empty(), false, false)).decide(NOON, 0, laptopOnPhone).closed())
                .containsExactly("on battery", "metered connection");
        assertThat(new SeedingGates(config(0, Optional.empty(), true, true)).decide(NOON, 0, laptopOnPhone).open())
                .isTrue();
    }

    @Test
    void unknownReadingsDoNotCloseButAreNoted() {
        SeedingGates.Decision d = new SeedingGates(config(0, Optional.empty(), false, false))
                .decide(NOON, 0, SystemState.UNKNOWN);
        assertThat(d.open()).isTrue();
        assertThat(d.notes()).hasSize(2).anySatisfy(n -> assertThat(n).contains("metered: unknown"));
    }

    @Test
    void hoursWindowsIncludingOnesPastMidnight() {
        SeedingGates day = new SeedingGates(config(0, Optional.of(Hours.parse("08:00-18:00")), false, false));
        assertThat(day.decide(NOON, 0, DESKTOP).open()).isTrue();
        assertThat(day.decide(Instant.parse("2026-11-22T18:00:00Z"), 0, DESKTOP).closed())
                .containsExactly("outside upload hours 08:00-18:00");
        assertThat(day.decide(Instant.parse("2026-11-22T08:00:00Z"), 0, DESKTOP).open()).isTrue();

        Hours night = Hours.parse("22:00-06:00");
        assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(5, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(6, 0))).isFalse();
        assertThat(night.contains(LocalTime.NOON)).isFalse();
    }

    @Test
    void malformedHoursAreRejected() {
        for (String bad : new String[] {"", "08:00", "8-18", "08:00-18:00-20:00", "25:00-01:00", "08:00-08:00"}) {
            assertThatThrownBy(() -> Hours.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
