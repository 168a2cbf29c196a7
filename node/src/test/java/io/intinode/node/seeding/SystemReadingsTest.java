package io.intinode.node.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.seeding.SystemState.Metered;
import io.intinode.node.seeding.SystemState.Power;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemReadingsTest {
    @TempDir
    Path root;

    private void supply(String name, String... attrs) throws Exception {
        Path d = Files.createDirectories(root.resolve(name));
        for (int i = 0; i < attrs.length; i += 2) {
            Files.writeString(d.resolve(attrs[i]), attrs[i + 1] + "\n");
        }
    }

    @Test
    void laptopOnMainsOnBatteryAndDesktop() throws Exception {
        assertThat(SystemReadings.power(root)).as("no supplies: a desktop or a container").isEqualTo(Power.UNKNOWN);
        supply("AC", "type", "Mains", "online", "1");
        supply("BAT0", "type", "Battery", "status", "Charging");
        assertThat(SystemReadings.power(root)).isEqualTo(Power.MAINS);
        supply("AC", "type", "Mains", "online", "0");
        supply("BAT0", "type", "Battery", "status", "Discharging");
        assertThat(SystemReadings.power(root)).isEqualTo(Power.BATTERY);
    }

    @Test
    void aPeripheralsBatteryIsIgnored() throws Exception {
        supply("hidpp_battery_0", "type", "Battery", "scope", "Device", "status", "Discharging");
        assertThat(SystemReadings.power(root)).isEqualTo(Power.UNKNOWN);
    }

    @Test
    void aMissingRootIsUnknown() {
        assertThat(SystemReadings.power(root.resolve("absent"))).isEqualTo(Power.UNKNOWN);
    }

    @Test
    void busctlAndNmcliOutputs() {
        assertThat(SystemReadings.parseBusctl("u 1\n")).isEqualTo(Metered.YES);
        assertThat(SystemReadings.parseBusctl("u 3")).isEqualTo(Metered.YES);
        assertThat(SystemReadings.parseBusctl("u 4")).isEqualTo(Metered.NO);
        assertThat(SystemReadings.parseBusctl("u 0")).isEqualTo(Metered.UNKNOWN);
        assertThat(SystemReadings.parseBusctl("garbage")).isEqualTo(Metered.UNKNOWN);
        assertThat(SystemReadings.parseNmcli("GENERAL.METERED:no\nGENERAL.METERED:yes (guessed)\n"))
                .isEqualTo(Metered.YES);
        assertThat(SystemReadings.parseNmcli("GENERAL.METERED:unknown\nGENERAL.METERED:no (guessed)\n"))
                .isEqualTo(Metered.NO);
        assertThat(SystemReadings.parseNmcli("GENERAL.METERED:unknown\n")).isEqualTo(Metered.UNKNOWN);
        assertThat(SystemReadings.parseNmcli("")).isEqualTo(Metered.UNKNOWN);
    }
}
