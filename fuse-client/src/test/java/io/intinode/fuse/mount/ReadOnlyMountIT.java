package io.intinode.fuse.mount;

import static io.intinode.fuse.testing.Dirents.DT_DIR;
import static io.intinode.fuse.testing.Dirents.DT_LNK;
import static io.intinode.fuse.testing.Dirents.DT_REG;
import static io.intinode.fuse.testing.FuseTesting.assumeFuse;
import static io.intinode.fuse.testing.FuseTesting.forceUnmount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.fuse.testing.Dirents;
import io.intinode.fuse.testing.FuseTesting;
import io.intinode.fuse.testing.NoBlobs;
import io.intinode.store.Digest;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mounted source tree passes through read-only: files, directories, symlinks and their metadata. */
class ReadOnlyMountIT {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path tmp;
    Path src;
    Path mnt;
    SkinnyMount mount;

    @BeforeEach
    void mountTree() throws IOException {
        assumeFuse();
        src = Files.createDirectories(tmp.resolve("src"));
        mnt = Files.createDirectories(tmp.resolve("mnt"));
        Files.createDirectories(src.resolve("dir/nested"));
        Files.copy(Path.of("/usr/bin/true"), src.resolve("dir/true"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(src.resolve("dir/nested/small.txt"), "small file\n");
        Files.setPosixFilePermissions(src.resolve("dir/nested/small.txt"), PosixFilePermissions.fromString("r--r-----"));
        Files.createSymbolicLink(src.resolve("rel-link"), Path.of("dir/nested/small.txt"));
        Files.createSymbolicLink(src.resolve("abs-link"), Path.of("/usr/bin/true"));
        Files.write(src.resolve("big.stub"), StubCodec.toBytes(Stub.of(Digest.parse(DIGEST), 7_654_321L, List.of())));
        Files.setPosixFilePermissions(src.resolve("big.stub"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(src.resolve("big.stub"), FileTime.from(Instant.parse("2021-03-04T05:06:07Z")));
        Files.writeString(src.resolve("bad.stub"), "intinode {not json}\n");
        mount = SkinnyMount.mount(MountConfig.of(src, mnt), new NoBlobs());
    }

    @AfterEach
    void unmount() {
        if (mount != null) {
            mount.close();
        }
        if (mnt != null) {
            forceUnmount(mnt);
        }
    }

    @Test
    void showsTheTreeWithItsMetadata() throws IOException {
        try (Stream<Path> walk = Files.walk(mnt)) {
            assertThat(walk.map(p -> mnt.relativize(p).toString()).sorted()).containsExactly(
                    "", "abs-link", "bad.stub", "big.stub", "dir", "dir/nested", "dir/nested/small.txt", "dir/true", "rel-link");
        }
        for (String path : List.of("dir", "dir/true", "dir/nested/small.txt", "rel-link", "abs-link", "bad.stub")) {
            Map<String, Object> expected = Files.readAttributes(src.resolve(path), "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            Map<String, Object> actual = Files.readAttributes(mnt.resolve(path), "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            assertThat(actual).as(path).isEqualTo(expected);
        }
        assertThat(Files.readString(mnt.resolve("dir/nested/small.txt"))).isEqualTo("small file\n");
        assertThat(Files.readString(mnt.resolve("bad.stub"))).isEqualTo("intinode {not json}\n");
        assertThat(Files.mismatch(mnt.resolve("dir/true"), src.resolve("dir/true"))).isEqualTo(-1);
    }

    @Test
    void aStubShowsItsContentSizeWithTheStubFilesModeAndTimes() throws IOException {
        Map<String, Object> stub = Files.readAttributes(src.resolve("big.stub"), "unix:mode,uid,gid,lastModifiedTime");
        Map<String, Object> shown = Files.readAttributes(mnt.resolve("big.stub"), "unix:mode,uid,gid,lastModifiedTime,size");
        assertThat(shown).containsAllEntriesOf(stub).containsEntry("size", 7_654_321L);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mnt.resolve("big.stub")))).isEqualTo("rwxr-x---");
    }

    @Test
    void repeatedListingsKeepEveryEntrysType() throws Exception {
        // The second listing of a directory within the cache timeout carries names and types only.
        for (int run = 0; run < 2; run++) {
            assertThat(find("f")).as("run %d", run).containsExactly("bad.stub", "big.stub", "dir/nested/small.txt", "dir/true");
            assertThat(find("l")).as("run %d", run).containsExactly("abs-link", "rel-link");
            assertThat(find("d")).as("run %d", run).containsExactly(".", "dir", "dir/nested");
            assertThat(Dirents.of(mnt)).as("d_type, run %d", run).isEqualTo(Map.of(".", DT_DIR, "..", DT_DIR,
                    "abs-link", DT_LNK, "bad.stub", DT_REG, "big.stub", DT_REG, "dir", DT_DIR, "rel-link", DT_LNK));
            assertThat(Dirents.of(mnt.resolve("dir"))).as("d_type, run %d", run)
                    .isEqualTo(Map.of(".", DT_DIR, "..", DT_DIR, "nested", DT_DIR, "true", DT_REG));
        }
        assertThat(Files.size(mnt.resolve("big.stub"))).isEqualTo(7_654_321L);
    }

    private List<String> find(String type) throws Exception {
        Path out = tmp.resolve("find-" + type);
        assertThat(FuseTesting.run(out, "sh", "-c", "cd '" + mnt + "' && find . -type " + type + " | sed 's|^\\./||' | sort")).isZero();
        return Files.readAllLines(out);
    }

    @Test
    void symlinksResolve() throws IOException {
        assertThat(Files.readSymbolicLink(mnt.resolve("rel-link"))).isEqualTo(Path.of("dir/nested/small.txt"));
        assertThat(Files.readString(mnt.resolve("rel-link"))).isEqualTo("small file\n");
        assertThat(Files.readSymbolicLink(mnt.resolve("abs-link"))).isEqualTo(Path.of("/usr/bin/true"));
    }

    @Test
    void aBinaryRunsFromTheMount() throws Exception {
        Path out = tmp.resolve("out");
        assertThat(FuseTesting.run(out, mnt.resolve("dir/true").toString())).isZero();
    }

    @Test
    void writesAreRefusedWithErofs() {
        for (Runnable write : List.<Runnable>of(
                () -> write(mnt.resolve("dir/nested/small.txt"), StandardOpenOption.APPEND),
                () -> write(mnt.resolve("new-file"), StandardOpenOption.CREATE_NEW),
                () -> write(mnt.resolve("big.stub"), StandardOpenOption.TRUNCATE_EXISTING),
                () -> uncheck(() -> Files.createDirectory(mnt.resolve("new-dir"))),
                () -> uncheck(() -> { Files.delete(mnt.resolve("dir/true")); return null; }),
                () -> uncheck(() -> Files.move(mnt.resolve("rel-link"), mnt.resolve("moved"))))) {
            assertThatThrownBy(write::run).hasRootCauseInstanceOf(FileSystemException.class)
                    .rootCause().hasMessageContaining("Read-only file system");
        }
        assertThat(src.resolve("new-file")).doesNotExist();
    }

    @Test
    void missingEntriesAreEnoent() {
        assertThat(mnt.resolve("no-such-file")).doesNotExist();
        assertThatThrownBy(() -> Files.readString(mnt.resolve("dir/no-such-file")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    private static void write(Path file, StandardOpenOption option) {
        uncheck(() -> Files.write(file, new byte[] {1}, StandardOpenOption.WRITE, option));
    }

    private interface IoAction {
        Object run() throws IOException;
    }

    private static void uncheck(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
