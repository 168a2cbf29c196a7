package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.tree.TreeCopier;
import io.intinode.transfer.webseed.NginxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's worked example: skinny a real tree with an export dir, serve the export with nginx,
 * hydrate into a fresh cache, and get the same tree back. The tree is a copy of the first packages
 * of /usr/share/doc, about {@value #TREE_BYTES} bytes, to keep the test to seconds.
 */
class SkinnyNginxIT {
    private static final Path REAL_DOCS = Path.of("/usr/share/doc");
    private static final long TREE_BYTES = 4_000_000;

    @TempDir Path dir;

    @Test
    void aRealTreeGoesSkinnyAndComesBackThroughNginx() throws IOException, InterruptedException {
        Path tree = copyOfRealDocs(dir.resolve("doc"));
        Path export = Files.createDirectories(dir.resolve("www"));
        try (NginxServer nginx = NginxServer.start(export, dir.resolve("nginx"))) {
            Path skinny = dir.resolve("doc.skinny");
            CliRun run = CliRun.run(dir.resolve("seed-data"), "skinny", tree.toString(),
                    skinny.toString(), "--export-dir", export.toString(),
                    "--url-template", nginx.url("/sha256/{hex}"));
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).matches("\\d+ files, [1-9]\\d* stubs, .*\\n");

            Path full = dir.resolve("doc.full");
            CliRun back = CliRun.run(dir.resolve("fresh-data"), "hydrate", skinny.toString(),
                    full.toString());
            assertThat(back.exitCode()).as(back.err()).isZero();
            assertThat(TreeSnapshot.of(full)).isEqualTo(TreeSnapshot.of(tree));

            long blobs;
            try (Stream<Path> files = Files.list(export.resolve("sha256"))) {
                blobs = files.count();
            }
            assertThat(blobs).isPositive();
            assertThat(nginx.accessLog().lines().filter(l -> l.contains("\"GET /sha256/") && l.contains("\" 200 ")))
                    .hasSize((int) blobs);
        }
    }

    /** Copies whole package directories of /usr/share/doc, in name order, until about TREE_BYTES. */
    private static Path copyOfRealDocs(Path target) throws IOException {
        assertThat(REAL_DOCS).as("the example needs a real tree").isDirectory();
        Files.createDirectories(target);
        List<Path> packages;
        try (Stream<Path> children = Files.list(REAL_DOCS)) {
            packages = children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        long copied = 0;
        for (Path pkg : packages) {
            if (copied >= TREE_BYTES) {
                break;
            }
            copied += TreeCopier.copy(pkg, target.resolve(pkg.getFileName().toString()),
                    (src, dst, attrs) -> Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES)).bytesIn();
        }
        assertThat(copied).isGreaterThan(TREE_BYTES / 2);
        return target;
    }
}
