package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.node.config.ConfigFile;
import io.intinode.transfer.blob.UploadConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadOptionsTest {
    private static final Path FILE = Path.of("/etc/intinode.conf");

    private static ConfigFile config(Map<String, List<String>> values) {
        return new ConfigFile(FILE, values);
    }

    @Test
    void withNothingSetTheDefaultsHoldAndThereIsNoCap() {
        UploadConfig limits = new UploadOptions().limits(config(Map.of()), 0);
        assertThat(limits).isEqualTo(UploadConfig.DEFAULTS);
    }

    @Test
    void theConfigFileSetsWhatTheCommandLineDoesNotAndTheCommandLineWins() {
        UploadOptions options = new UploadOptions();
        options.slotsPerPeer = 2;
        options.rate = 1L << 20;
        UploadConfig limits = options.limits(config(Map.of("upload-slots", List.of("8"),
                "upload-slots-per-peer", List.of("3"))), 5L << 20);
        assertThat(limits.maxUploads()).isEqualTo(8);
        assertThat(limits.maxUploadsPerPeer()).isEqualTo(2);
        assertThat(limits.uploadBytesPerSecond()).isEqualTo(1L << 20);
        assertThat(limits.uploadBurstBytes()).as("about one second's worth").isEqualTo(1L << 20);
    }

    @Test
    void aLowCapStillBurstsAFewRangesAndTheConfiguredRateApplies() {
        UploadConfig limits = new UploadOptions().limits(config(Map.of()), 1000);
        assertThat(limits.uploadBytesPerSecond()).isEqualTo(1000);
        assertThat(limits.uploadBurstBytes()).isEqualTo(64 << 10);
    }

    @Test
    void aBadCountInTheFileNamesTheFileAndKey() {
        for (String bad : List.of("many", "", "9999999999", "1.5")) {
            assertThatThrownBy(() -> new UploadOptions().limits(config(Map.of("upload-slots", List.of(bad))), 0))
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
                    .hasMessageContaining(FILE + ": upload-slots: not a number");
        }
    }

    @Test
    void zeroSlotsOrANegativeRateIsRefused() {
        UploadOptions zero = new UploadOptions();
        zero.slots = 0;
        UploadOptions negative = new UploadOptions();
        negative.rate = -1L;
        for (UploadOptions o : List.of(zero, negative)) {
            assertThatThrownBy(() -> o.limits(config(Map.of()), 0))
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
                    .hasMessageContaining("upload slots must be at least 1");
        }
    }
}
