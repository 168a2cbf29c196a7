package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a running node, {@code share} reads and writes the config file. */
class ShareCommandTest {
    @TempDir
    Path data;

    @Test
    void offByDefaultAndOnOffAreSavedInTheConfig() throws Exception {
        Path conf = data.resolve("intinode.conf");
        assertThat(CliRun.run(data, "share", "status").out())
                .isEqualTo("share: off (no node running; from " + conf + ")\n");
        CliRun on = CliRun.run(data, "share", "on");
        assertThat(on.exitCode()).as(on.err()).isZero();
        assertThat(on.out()).isEqualTo("share: on (saved in " + conf + "; applies when the node starts)\n");
        assertThat(Files.readString(conf)).isEqualTo("share = on\n");
        assertThat(CliRun.run(data, "share", "status").out()).startsWith("share: on (no node running");
        CliRun.run(data, "share", "off");
        assertThat(Files.readString(conf)).isEqualTo("share = off\n");
    }

    @Test
    void badActionAndBadConfig() throws Exception {
        assertThat(CliRun.run(data, "share", "maybe").exitCode()).isEqualTo(ExitCodes.USAGE);
        Files.writeString(data.resolve("intinode.conf"), "share = sometimes\n");
        CliRun status = CliRun.run(data, "share", "status");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(status.err()).contains("'share' must be on or off");
    }
}
