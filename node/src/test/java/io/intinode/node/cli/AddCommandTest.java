package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddCommandTest {
    @TempDir
    Path tmp;

    @Test
    void addPrintsDigestSizeAndPathPerFileAndStoresThem() throws Exception {
        Path data = tmp.resolve("data");
        Path a = Files.writeString(tmp.resolve("a.txt"), "hello\n");
        Path b = Files.write(tmp.resolve("b.bin"), new byte[100_000]);

        CliRun r = CliRun.run(data, "add", a.toString(), b.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly(
                "sha256:" + sha256(Files.readAllBytes(a)) + " 6 " + a,
                "sha256:" + sha256(Files.readAllBytes(b)) + " 100000 " + b);
        String hex = sha256(Files.readAllBytes(a));
        assertThat(data.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex)).hasContent("hello\n");
        assertThat(a).exists();
    }

    @Test
    void addingTwiceIsHarmless() throws Exception {
        Path data = tmp.resolve("data");
        Path a = Files.writeString(tmp.resolve("a.txt"), "same");
        CliRun first = CliRun.run(data, "add", a.toString());
        CliRun second = CliRun.run(data, "add", a.toString());
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(CliRun.run(data, "cache", "ls").lines()).hasSize(1);
    }

    @Test
    void missingFileIsBadInputAndAddsNothing() throws IOException {
        Path data = tmp.resolve("data");
        Path a = Files.writeString(tmp.resolve("a.txt"), "x");

        CliRun r = CliRun.run(data, "add", a.toString(), tmp.resolve("nope").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("intinode: no such file: " + tmp.resolve("nope"));
        assertThat(r.out()).isEmpty();
        assertThat(CliRun.run(data, "cache", "ls").out()).isEmpty();
    }

    @Test
    void directoryIsRefused() {
        CliRun r = CliRun.run(tmp.resolve("data"), "add", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("not a regular file");
    }

    @Test
    void noFileIsAUsageError() {
        CliRun r = CliRun.run(tmp.resolve("data"), "add");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("FILE");
    }

    static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
