package io.intinode.node.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCopierTest {
    private static final FileTime T1 = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
    private static final FileTime T2 = FileTime.from(Instant.parse("2021-06-07T08:09:10Z"));

    @TempDir Path dir;

    @Test
    void copiesDirectoriesSymlinksModesAndMtimes() throws IOException {
        Path src = dir.resolve("src");
        Path sub = Files.createDirectories(src.resolve("a/b"));
        Path file = Files.writeString(sub.resolve("f.txt"), "content");
        Files.setAttribute(file, "unix:mode", 04751);
        Files.setLastModifiedTime(file, T1);
        Path link = Files.createSymbolicLink(src.resolve("link"), Path.of("a/b/f.txt"));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("/nowhere/at/all"));
        Files.setAttribute(sub, "unix:mode", 0555); // read-only dir: children must still be written
        Files.setLastModifiedTime(sub, T2);
        Files.setLastModifiedTime(src.resolve("a"), T1);
        Path dst = dir.resolve("dst");

        TreeCopier.checkSourceAndTarget(src, dst);
        TreeCopier.Counts counts = TreeCopier.copy(src, dst,
                (s, d, attrs) -> Files.copy(s, d, StandardCopyOption.COPY_ATTRIBUTES));

        assertThat(counts).isEqualTo(new TreeCopier.Counts(1, 3, 2, 7, 7));
        Path copied = dst.resolve("a/b/f.txt");
        assertThat(Files.readString(copied)).isEqualTo("content");
        assertThat(Files.getAttribute(copied, "unix:mode")).isEqualTo(0100000 | 04751);
        assertThat(Files.getLastModifiedTime(copied)).isEqualTo(T1);
        assertThat(Files.getAttribute(dst.resolve("a/b"), "unix:mode")).isEqualTo(040000 | 0555);
        assertThat(Files.getLastModifiedTime(dst.resolve("a/b"))).isEqualTo(T2);
        assertThat(Files.getLastModifiedTime(dst.resolve("a"))).isEqualTo(T1);
        assertThat(Files.readSymbolicLink(dst.resolve("link"))).isEqualTo(Path.of("a/b/f.txt"));
        assertThat(Files.getLastModifiedTime(dst.resolve("link"), LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS));
        assertThat(Files.readSymbolicLink(dst.resolve("dangling"))).isEqualTo(Path.of("/nowhere/at/all"));
    }

    @Test
    void refusesATargetInsideTheSource() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        assertThatThrownBy(() -> TreeCopier.checkSourceAndTarget(src, src.resolve("x/y")))
                .hasMessageContaining("is inside");
        assertThatThrownBy(() -> TreeCopier.checkSourceAndTarget(src, src)).hasMessageContaining("is inside");
        Path viaLink = Files.createSymbolicLink(dir.resolve("alias"), src);
        assertThatThrownBy(() -> TreeCopier.checkSourceAndTarget(src, viaLink.resolve("out")))
                .hasMessageContaining("is inside");
    }

    @Test
    void refusesANonEmptyTargetAndAMissingSource() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path dst = Files.createDirectories(dir.resolve("dst"));
        Files.writeString(dst.resolve("keep-me"), "precious");
        assertThatThrownBy(() -> TreeCopier.checkSourceAndTarget(src, dst)).hasMessageContaining("is not empty");
        assertThatThrownBy(() -> TreeCopier.checkSourceAndTarget(dir.resolve("none"), dir.resolve("d2")))
                .hasMessageContaining("not a directory");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> TreeCopier.checkSourceAndTarget(src, file)).hasMessageContaining("not a directory");
        TreeCopier.checkSourceAndTarget(src, Files.createDirectories(dir.resolve("empty")));
    }

    @Test
    void stopsOnAFifoInsteadOfLeavingItOut() throws IOException, InterruptedException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Process mkfifo = new ProcessBuilder("mkfifo", src.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThatThrownBy(() -> TreeCopier.copy(src, dir.resolve("dst"), (s, d, a) -> Files.copy(s, d)))
                .hasMessageContaining("pipe: not a regular file, directory or symlink");
    }
}
