package io.intinode.fuse.cli;

import static io.intinode.fuse.testing.FuseTesting.assumeFuse;
import static io.intinode.fuse.testing.FuseTesting.await;
import static io.intinode.fuse.testing.FuseTesting.forceUnmount;
import static io.intinode.fuse.testing.FuseTesting.intinode;
import static io.intinode.fuse.testing.FuseTesting.isMounted;
import static io.intinode.fuse.testing.FuseTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.fuse.mount.MountTable;
import io.intinode.store.BlobStore;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import io.intinode.transfer.webseed.FaultServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import io.intinode.node.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code intinode mount} and {@code umount} as users run them: child JVMs, signals, crashes. */
class MountCommandIT {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    Path src;
    Path mnt;
    Path log;
    Process child;

    @BeforeEach
    void tree() throws Exception {
        assumeFuse();
        src = Files.createDirectories(tmp.resolve("src"));
        mnt = Files.createDirectories(tmp.resolve("mnt"));
        log = tmp.resolve("child.log");
        Files.writeString(src.resolve("hello.txt"), "hello\n");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (mnt != null) {
            forceUnmount(mnt);
        }
    }

    private Process mountInChild(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--data-dir", tmp.resolve("data").toString(),
                "mount", src.toString(), mnt.toString(), "--node", "none"));
        args.addAll(List.of(extra));
        Process p = intinode(log, args);
        // Ready means the new mount shows the tree: a stale mount being replaced may still answer the probe.
        await("the mount to answer", LIMIT, () -> !p.isAlive()
                || (MountTable.state(mnt) == MountTable.State.ALIVE && Files.exists(mnt.resolve("hello.txt"))));
        assertThat(p.isAlive()).as("mount process alive; its log: %s", logText()).isTrue();
        return p;
    }

    @Test
    void sigtermUnmountsAndLeavesNoMountBehind() throws Exception {
        child = mountInChild("--foreground");
        assertThat(Files.readString(mnt.resolve("hello.txt"))).isEqualTo("hello\n");

        child.destroy(); // SIGTERM
        assertThat(child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(isMounted(mnt)).isFalse();
        assertThat(logText()).contains("unmounted " + mnt.toRealPath());
    }

    @Test
    void aForegroundMountServesCacheAndWebseedAndUmountStopsIt() throws Exception {
        // The command's own wiring of cache and webseed: one stub's blob is cached, one is on a webseed.
        byte[] cached = "cached content\n".getBytes(StandardCharsets.UTF_8);
        byte[] remote = "webseed content\n".getBytes(StandardCharsets.UTF_8);
        try (FileBlobStore store = FileBlobStore.open(tmp.resolve("data"), StoreConfig.DEFAULTS)) {
            store.ingest(new ByteArrayInputStream(cached), BlobStore.Expected.NOTHING, Origin.LOCAL);
        }
        Files.write(src.resolve("cached.bin"), StubCodec.toBytes(Stub.of(Sha256.of(cached), cached.length, List.of())));
        try (FaultServer webseed = new FaultServer().on("/blob", (exchange, n) -> FaultServer.serveWithRange(exchange, remote))) {
            Files.write(src.resolve("remote.bin"), StubCodec.toBytes(
                    Stub.of(Sha256.of(remote), remote.length, List.of(webseed.url("/blob")))));
            child = mountInChild("--foreground");
            assertThat(Files.readAllBytes(mnt.resolve("cached.bin"))).isEqualTo(cached);
            assertThat(Files.readAllBytes(mnt.resolve("remote.bin"))).isEqualTo(remote);
        }

        assertThat(Main.run("umount", mnt.toString())).isZero();
        assertThat(child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(isMounted(mnt)).isFalse();
    }

    @Test
    void backgroundMountDetachesAndUmountEndsIt() throws Exception {
        Process starter = intinode(log, List.of("--data-dir", tmp.resolve("data").toString(),
                "mount", src.toString(), mnt.toString(), "--node", "none"));
        assertThat(starter.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(starter.exitValue()).as(logText()).isZero();
        assertThat(Files.readString(mnt.resolve("hello.txt"))).isEqualTo("hello\n");
        Matcher pid = Pattern.compile("\\(pid (\\d+),").matcher(logText());
        assertThat(pid.find()).as(logText()).isTrue();
        ProcessHandle detached = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();

        assertThat(Main.run("umount", mnt.toString())).isZero();
        assertThat(detached.onExit().get(LIMIT.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(isMounted(mnt)).isFalse();
    }

    @Test
    void aStaleMountIsCleanedUpByTheNextMountButALiveOneIsKept() throws Exception {
        child = mountInChild("--foreground");
        // A crash that also takes the auto_unmount helper with it: kill -9 both.
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
        await("the mount to go stale", LIMIT, () -> MountTable.state(mnt) == MountTable.State.STALE);

        Files.writeString(log, "");
        child = mountInChild("--foreground");
        // The mount may answer before its log line reaches the file: wait for the line, bounded.
        String cleaned = "cleaned up a stale mount at " + MountTable.canonical(mnt);
        await("'" + cleaned + "' in the mount's log", LIMIT, () -> logText().contains(cleaned));
        assertThat(Files.readString(mnt.resolve("hello.txt"))).isEqualTo("hello\n");

        // A live mount is never taken over.
        Path second = tmp.resolve("second.log");
        Process again = intinode(second, List.of("mount", src.toString(), mnt.toString(), "--foreground", "--node", "none"));
        assertThat(again.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).isEqualTo(1);
        assertThat(read(second)).contains("is already mounted");
        assertThat(Files.readString(mnt.resolve("hello.txt"))).isEqualTo("hello\n");
    }

    private String logText() {
        try {
            return read(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
