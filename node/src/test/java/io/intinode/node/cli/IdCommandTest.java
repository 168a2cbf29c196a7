package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdCommandTest {
    @TempDir
    Path data;

    @Test
    void createsTheIdentityOnceAndPrintsTheSamePeerId() throws Exception {
        CliRun first = CliRun.of("--data-dir", data.toString(), "id");
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).matches("12D3KooW[1-9A-HJ-NP-Za-km-z]{44}\\n");
        assertThat(CliRun.of("--data-dir", data.toString(), "id").out()).isEqualTo(first.out());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("identity.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void corruptIdentityIsAOneLineError() throws Exception {
        Files.write(data.resolve("identity.key"), new byte[] {1, 2, 3},
                java.nio.file.StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(data.resolve("identity.key"), PosixFilePermissions.fromString("rw-------"));
        CliRun run = CliRun.of("--data-dir", data.toString(), "id");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("intinode: identity file").contains("malformed").hasLineCount(1);
    }
}
