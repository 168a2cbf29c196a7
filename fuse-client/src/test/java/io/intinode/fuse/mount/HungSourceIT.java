package io.intinode.fuse.mount;

import static io.intinode.fuse.testing.FuseTesting.assumeFuse;
import static io.intinode.fuse.testing.FuseTesting.await;
import static io.intinode.fuse.testing.FuseTesting.forceUnmount;
import static io.intinode.fuse.testing.FuseTesting.intinode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.fuse.testing.FuseTesting;
import io.intinode.fuse.testing.NoBlobs;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source tree that stops answering (here: a FUSE mount whose process is stopped, as a hung NFS
 * server would be) makes calls fail with EIO at the metadata deadline instead of hanging the caller.
 */
class HungSourceIT {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path tmp;

    @Test
    void callsOnAHungSourceFailWithEioAtTheDeadline() throws Exception {
        assumeFuse();
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Path hung = Files.createDirectories(tmp.resolve("hung"));
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Files.writeString(tree.resolve("seen.txt"), "seen\n");
        Files.writeString(tree.resolve("unseen.txt"), "unseen\n");
        Files.createDirectories(tree.resolve("unseen-dir"));

        Process server = intinode(tmp.resolve("server.log"), List.of("--data-dir", tmp.resolve("data").toString(),
                "mount", tree.toString(), hung.toString(), "--foreground", "--node", "none"));
        SkinnyMount mount = null;
        try {
            await("the source mount", Duration.ofSeconds(20), () -> MountTable.state(hung) == MountTable.State.ALIVE);
            mount = SkinnyMount.mount(new MountConfig(hung, mnt, Duration.ofSeconds(60), METADATA_TIMEOUT,
                    MountConfig.DEFAULT_CACHE_TIMEOUT, MountConfig.DEFAULT_MAX_THREADS), new NoBlobs());
            assertThat(Files.readString(mnt.resolve("seen.txt"))).isEqualTo("seen\n");

            signal("STOP", server);
            for (Path entry : List.of(mnt.resolve("unseen.txt"), mnt.resolve("unseen-dir"))) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> Files.readAttributes(entry, "unix:mode"))
                        .isInstanceOf(FileSystemException.class).hasMessageContaining("Input/output error");
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(METADATA_TIMEOUT.minusMillis(100), METADATA_TIMEOUT.plusSeconds(3));
            }
        } finally {
            signal("CONT", server);
            if (mount != null) {
                mount.close();
            }
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
            forceUnmount(mnt);
            forceUnmount(hung);
        }
    }

    private void signal(String name, Process process) throws Exception {
        assertThat(FuseTesting.run(tmp.resolve("kill.out"), "kill", "-" + name, Long.toString(process.pid()))).isZero();
    }
}
