package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StubCommandTest {
    @TempDir Path dir;

    @Test
    void printsTheStubLineOfAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("hello"), "hello\n");
        CliRun run = CliRun.run("stub", file.toString(), "--url", "http://127.0.0.1/a", "--url", "https://h/b");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("intinode {\"digest\":\"sha256:"
                + "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\",\"size\":6,"
                + "\"urls\":[\"http://127.0.0.1/a\",\"https://h/b\"]}\n");
    }

    @Test
    void anEmptyFileHasTheEmptyDigest() throws IOException {
        Path file = Files.createFile(dir.resolve("empty"));
        assertThat(CliRun.run("stub", file.toString()).stdout()).isEqualTo("intinode {\"digest\":\"sha256:"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":0}\n");
    }

    @Test
    void aMissingFileIsBadInput() {
        CliRun run = CliRun.run("stub", dir.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.stderr()).isEqualTo("intinode: " + dir.resolve("nope") + ": not a regular file\n");
    }

    @Test
    void aBadUrlIsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        CliRun run = CliRun.run("stub", file.toString(), "--url", "no scheme here");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.stderr()).startsWith("intinode: not a URL: no scheme here").doesNotContain("Exception");
    }
}
