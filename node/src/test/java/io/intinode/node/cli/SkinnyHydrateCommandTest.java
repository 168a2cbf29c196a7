package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import io.intinode.transfer.webseed.FaultServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkinnyHydrateCommandTest {
    @TempDir Path dir;
    private Path src;
    private Path data;

    @BeforeEach
    void makeTree() throws IOException {
        src = Files.createDirectories(dir.resolve("src"));
        Random random = new Random(11);
        Path bin = Files.createDirectories(src.resolve("usr/bin"));
        byte[] big = new byte[40_000];
        random.nextBytes(big);
        Files.write(bin.resolve("tool"), big);
        Files.write(bin.resolve("tool-copy"), big); // same content: one blob
        Files.setAttribute(bin.resolve("tool"), "unix:mode", 0755);
        Files.write(bin.resolve("exactly-min"), new byte[16_384]);
        Files.write(bin.resolve("just-below"), new byte[16_383]);
        Files.writeString(src.resolve("looks-like-a-stub"), "intinode but not really\n");
        Files.createFile(src.resolve("empty"));
        Files.createDirectories(src.resolve("empty-dir"));
        Files.createSymbolicLink(src.resolve("usr/tool-link"), Path.of("bin/tool"));
        Files.setLastModifiedTime(bin.resolve("tool"), FileTime.from(Instant.parse("2019-05-05T05:05:05Z")));
        Files.setLastModifiedTime(bin, FileTime.from(Instant.parse("2018-04-04T04:04:04Z")));
        data = dir.resolve("data");
    }

    @Test
    void skinnyThenHydrateGivesBackTheSameTree() throws IOException {
        Path skinny = dir.resolve("skinny");
        CliRun run = CliRun.run(data, "skinny", src.toString(), skinny.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("6 files, 4 stubs, 4 directories, 1 symlinks; 112791 bytes");

        assertThat(StubCodec.isStub(skinny.resolve("usr/bin/tool"))).isTrue();
        assertThat(StubCodec.isStub(skinny.resolve("usr/bin/exactly-min"))).isTrue();
        assertThat(StubCodec.isStub(skinny.resolve("looks-like-a-stub"))).isTrue();
        assertThat(Files.readAllBytes(skinny.resolve("usr/bin/just-below"))).hasSize(16_383);
        assertThat(StubCodec.read(skinny.resolve("usr/bin/tool")).urls()).isEmpty();

        Path full = dir.resolve("full");
        CliRun back = CliRun.run(data, "hydrate", skinny.toString(), full.toString());
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).startsWith("6 files, 4 stubs resolved");
        assertThat(TreeSnapshot.of(full)).isEqualTo(TreeSnapshot.of(src));
    }

    @Test
    void exportDirAndUrlTemplatesLetAFreshCacheHydrateFromAWebServer() throws IOException {
        Path skinny = dir.resolve("skinny");
        Path export = dir.resolve("export");
        try (FaultServer server = new FaultServer()) {
            server.on("/seed/", (ex, n) -> FaultServer.send(ex, 200,
                    Files.readAllBytes(export.resolve(ex.getRequestURI().getPath().substring("/seed/".length())))));
            CliRun run = CliRun.run(data, "skinny", src.toString(), skinny.toString(), "--min-size", "1000",
                    "--export-dir", export.toString(),
                    "--url-template", server.url("/seed/sha256/{hex}"),
                    "--url-template", "oci://registry.example/x@{digest}");
            assertThat(run.exitCode()).as(run.err()).isZero();

            Stub stub = StubCodec.read(skinny.resolve("usr/bin/tool"));
            assertThat(stub.urls()).containsExactly(server.url("/seed/sha256/" + stub.digest().hex()),
                    "oci://registry.example/x@" + stub.digest());
            assertThat(export.resolve("sha256/" + stub.digest().hex()))
                    .hasSameBinaryContentAs(src.resolve("usr/bin/tool"));
            try (Stream<Path> blobs = Files.list(export.resolve("sha256"))) {
                assertThat(blobs.count()).isEqualTo(4); // tool and tool-copy share a blob
            }

            Path full = dir.resolve("full");
            CliRun back = CliRun.run(dir.resolve("fresh-data"), "hydrate", skinny.toString(), full.toString());
            assertThat(back.exitCode()).as(back.err()).isZero();
            assertThat(TreeSnapshot.of(full)).isEqualTo(TreeSnapshot.of(src));
            assertThat(server.requestsTo("/seed/")).hasSize(4);
        }
    }

    @Test
    void hydrateFetchesSeveralBlobsAtOnce() throws IOException {
        Path skinny = dir.resolve("skinny");
        Path export = dir.resolve("export");
        CountDownLatch twoInFlight = new CountDownLatch(2);
        try (FaultServer server = new FaultServer()) {
            // Each request waits (bounded) until two are in flight: one at a time would get 503s.
            server.on("/seed/", (ex, n) -> {
                twoInFlight.countDown();
                boolean together = awaitQuietly(twoInFlight);
                FaultServer.send(ex, together ? 200 : 503, together
                        ? Files.readAllBytes(export.resolve(ex.getRequestURI().getPath().substring("/seed/".length())))
                        : new byte[0]);
            });
            assertThat(CliRun.run(data, "skinny", src.toString(), skinny.toString(), "--min-size", "1000",
                    "--export-dir", export.toString(), "--url-template", server.url("/seed/sha256/{hex}"))
                    .exitCode()).isZero();

            Path full = dir.resolve("full");
            CliRun back = CliRun.run(dir.resolve("fresh-data"), "hydrate", "--jobs", "4", skinny.toString(),
                    full.toString());
            assertThat(back.exitCode()).as(back.err()).isZero();
            assertThat(TreeSnapshot.of(full)).isEqualTo(TreeSnapshot.of(src));
            assertThat(server.requestsTo("/seed/")).hasSize(4); // one per distinct blob, no retries
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void hydrateWithoutCacheOrUrlsNamesTheStub() throws IOException {
        Path skinny = dir.resolve("skinny");
        assertThat(CliRun.run(data, "skinny", src.toString(), skinny.toString()).exitCode()).isZero();
        CliRun back = CliRun.run(dir.resolve("other-data"), "hydrate", "--node", "none", skinny.toString(), dir.resolve("full").toString());
        assertThat(back.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(back.err()).contains("skinny/").contains("not found in the cache").hasLineCount(1);
    }

    @Test
    void hydrateRejectsAMalformedStubNamingIt() throws IOException {
        Path skinny = Files.createDirectories(dir.resolve("skinny"));
        Path bad = Files.writeString(skinny.resolve("bad"), "intinode {\"digest\":\"sha256:00\",\"size\":3}\n");
        CliRun back = CliRun.run(data, "hydrate", skinny.toString(), dir.resolve("full").toString());
        assertThat(back.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(back.err()).startsWith("intinode: " + bad + ": not a valid stub").hasLineCount(1);
        assertThat(dir.resolve("full")).as("checked before anything is written").doesNotExist();
    }

    @Test
    void refusesBadTargetsAndTemplates() throws IOException {
        assertRefused(List.of("skinny", src.toString(), src.resolve("inside").toString()), "is inside");
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("precious"), "keep");
        assertRefused(List.of("skinny", src.toString(), full.toString()), "is not empty");
        assertRefused(List.of("hydrate", src.toString(), full.toString()), "is not empty");
        assertRefused(List.of("skinny", dir.resolve("none").toString(), dir.resolve("x").toString()), "not a directory");
        assertRefused(List.of("skinny", src.toString(), dir.resolve("x").toString(), "--url-template", "http://h/x"),
                "has neither {hex} nor {digest}");
        assertRefused(List.of("skinny", src.toString(), dir.resolve("x").toString(),
                "--export-dir", src.resolve("export").toString()), "is inside");
        assertThat(Files.readString(full.resolve("precious"))).isEqualTo("keep");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private void assertRefused(List<String> args, String message) {
        CliRun run = CliRun.run(data, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("intinode: ").contains(message).hasLineCount(1);
    }
}
