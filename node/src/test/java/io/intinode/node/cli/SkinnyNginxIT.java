package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.transfer.webseed.NginxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's worked example: skinny a real tree with an export dir, serve the export with nginx,
 * hydrate into a fresh cache, and get the same tree back.
 */
class SkinnyNginxIT {
    private static final Path REAL_TREE = Path.of("/usr/share/doc");

    @TempDir Path dir;

    @Test
    void aRealTreeGoesSkinnyAndComesBackThroughNginx() throws IOException, InterruptedException {
        assertThat(REAL_TREE).as("the example needs a real tree").isDirectory();
        Path export = Files.createDirectories(dir.resolve("www"));
        try (NginxServer nginx = NginxServer.start(export, dir.resolve("nginx"))) {
            Path skinny = dir.resolve("doc.skinny");
            CliRun run = SkinnyHydrateCommandTest.cli(dir.resolve("seed-data"), "skinny", REAL_TREE.toString(),
                    skinny.toString(), "--export-dir", export.toString(),
                    "--url-template", nginx.url("/sha256/{hex}"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();

            Path full = dir.resolve("doc.full");
            CliRun back = SkinnyHydrateCommandTest.cli(dir.resolve("fresh-data"), "hydrate", skinny.toString(),
                    full.toString());
            assertThat(back.exitCode()).as(back.stderr()).isZero();
            assertThat(TreeSnapshot.of(full)).isEqualTo(TreeSnapshot.of(REAL_TREE));

            long blobs;
            try (Stream<Path> files = Files.list(export.resolve("sha256"))) {
                blobs = files.count();
            }
            assertThat(blobs).isPositive();
            assertThat(nginx.accessLog().lines().filter(l -> l.contains("\"GET /sha256/") && l.contains("\" 200 ")))
                    .hasSize((int) blobs);
        }
    }
}
