package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.node.config.ConfigFile;
import io.intinode.node.privacy.ShareMode;
import io.intinode.node.seeding.GateConfig;
import io.intinode.node.share.ShareSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareConfigTest {
    private static final String KEY = "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    private ConfigFile config(String text) throws Exception {
        Path f = dir.resolve("intinode.conf");
        Files.writeString(f, text);
        return ConfigFile.load(f, NodeCommand.SINGLE_KEYS, NodeCommand.REPEATABLE_KEYS, true);
    }

    @Test
    void theSwitchAndTheModeTogether() throws Exception {
        assertThat(ShareConfig.mode(config(""), null)).as("default").isEqualTo(ShareMode.OFF);
        assertThat(ShareConfig.mode(config(""), "on")).as("share = on means all").isEqualTo(ShareMode.ALL);
        ConfigFile canonical = config("share-mode = canonical\n");
        assertThat(ShareConfig.mode(canonical, null)).isEqualTo(ShareMode.CANONICAL);
        assertThat(ShareConfig.mode(canonical, "on")).isEqualTo(ShareMode.CANONICAL);
        assertThat(ShareConfig.mode(canonical, "off")).as("off is the master switch").isEqualTo(ShareMode.OFF);
        assertThatThrownBy(() -> ShareConfig.mode(config("share-mode = some\n"), null))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
                .hasMessageContaining("share-mode").hasMessageContaining("off, all or canonical");
    }

    @Test
    void canonicalSettingsFromTheFile() throws Exception {
        ShareSettings s = ShareConfig.settings(config("""
                share-mode = canonical
                share-manifest = %s
                share-manifest-url = http://127.0.0.1:1/m.json
                share-publisher-key = %s
                share-profile = debian-13
                share-k = 3
                share-office-k = 0
                share-hole-budget = 4
                share-interval = 30s
                share-join-window = 5m
                share-donate = on
                share-donate-blobs = 200
                share-deny-package = secret-tool
                """.formatted(DIGEST, KEY)), ShareMode.CANONICAL);
        assertThat(s.manifest().orElseThrow().urls()).containsExactly("http://127.0.0.1:1/m.json");
        assertThat(s.profile()).contains("debian-13");
        assertThat(s.privacy().k()).isEqualTo(3);
        assertThat(s.privacy().officeK()).isZero();
        assertThat(s.privacy().holeBudget()).isEqualTo(4);
        assertThat(s.privacy().donor().capBlobs()).isEqualTo(200);
        assertThat(s.privacy().deniedPackages()).containsExactly("secret-tool");
        assertThat(s.replanEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.joinWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.publishers()).hasSize(1);
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        String[][] cases = {
            {"share-mode = canonical\n", "needs share-manifest"},
            {"share-manifest = sha256:xyz\n", "share-manifest"},
            {"share-publisher-key = rsa:abc\n", "share-publisher-key"},
            {"share-k = 0\n", "share-k"},
            {"share-k = five\n", "share-k"},
            {"share-hole-budget = -1\n", "share-hole-budget"},
            {"share-interval = soon\n", "share-interval"},
            {"share-deny = nope\n", "share-deny"},
            {"share-donate = maybe\n", "share-donate"},
        };
        for (String[] c : cases) {
            ConfigFile f = config(c[0]);
            ShareMode mode = c[0].startsWith("share-mode") ? ShareMode.CANONICAL : ShareMode.ALL;
            assertThatThrownBy(() -> ShareConfig.settings(f, mode)).as(c[0])
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void seedingGates() throws Exception {
        GateConfig g = ShareConfig.gates(config("""
                upload-monthly-cap = 20G
                upload-rate = 2M
                upload-hours = 22:00-06:00
                upload-on-battery = on
                """));
        assertThat(g.monthlyCapBytes()).isEqualTo(20L << 30);
        assertThat(g.uploadBytesPerSecond()).isEqualTo(2L << 20);
        assertThat(g.hours().orElseThrow().contains(LocalTime.of(23, 0))).isTrue();
        assertThat(g.onBattery()).isTrue();
        assertThat(g.onMetered()).isFalse();
        assertThatThrownBy(() -> ShareConfig.gates(config("upload-hours = 9-5\n"))).isInstanceOf(CliException.class)
                .hasMessageContaining("upload-hours");
        assertThatThrownBy(() -> ShareConfig.gates(config("upload-monthly-cap = lots\n")))
                .isInstanceOf(CliException.class).hasMessageContaining("upload-monthly-cap");
    }
}
