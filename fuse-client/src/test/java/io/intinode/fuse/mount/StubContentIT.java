package io.intinode.fuse.mount;

import static io.intinode.fuse.testing.FuseTesting.assumeFuse;
import static io.intinode.fuse.testing.FuseTesting.forceUnmount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.fuse.fs.ResolverBlobSource;
import io.intinode.fuse.fs.SkinnyFs;
import io.intinode.fuse.testing.FuseTesting;
import io.intinode.fuse.testing.MmapRead;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import io.intinode.transfer.webseed.FaultServer;
import io.intinode.transfer.webseed.NginxServer;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stubs of real files, content served by a real nginx on 127.0.0.1, one mount: what users see through
 * the mount is the original tree, byte for byte, fetched and verified on first open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StubContentIT {
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    private static final List<String> BINARIES = List.of("/usr/bin/ls", "/usr/bin/true", "/usr/bin/env");

    Path tmp;
    Path src;
    Path mnt;
    Path originals;
    NginxServer nginx;
    FaultServer stalling;
    FileBlobStore store;
    WebseedFetcher webseed;
    SkinnyMount mount;
    final Map<String, Path> stubbed = new java.util.LinkedHashMap<>();

    @BeforeAll
    void mountTree(@TempDir Path dir) throws Exception {
        assumeFuse();
        tmp = dir;
        src = Files.createDirectories(tmp.resolve("src"));
        mnt = Files.createDirectories(tmp.resolve("mnt"));
        originals = Files.createDirectories(tmp.resolve("originals"));
        Path www = Files.createDirectories(tmp.resolve("www/sha256"));
        nginx = NginxServer.start(tmp.resolve("www"), tmp.resolve("nginx"));
        stalling = new FaultServer().on("/stall", (exchange, n) -> stallingServer().stall());

        Files.createDirectories(src.resolve("bin"));
        for (String binary : BINARIES) {
            Path copy = Files.copy(Path.of(binary), originals.resolve(Path.of(binary).getFileName()));
            stub(copy, "bin/" + copy.getFileName(), "rwxr-xr-x", www);
        }
        Random random = new Random(42);
        for (int i = 0; i < 3; i++) {
            byte[] data = new byte[(1 + i) * 1024 * 1024 + 17 * i];
            random.nextBytes(data);
            stub(Files.write(originals.resolve("random" + i + ".bin"), data), "data/random" + i + ".bin", "rw-r-----", www);
        }
        Files.createSymbolicLink(src.resolve("data/latest"), Path.of("random2.bin"));
        // Read only by the single-flight test, so that its first open is a cache miss.
        stub(Files.write(originals.resolve("shared.bin"), bytes(3 * 1024 * 1024, 5)), "concurrent/shared.bin", "rw-r--r--", www);
        stubbed.remove("concurrent/shared.bin");

        // A webseed that serves the wrong bytes, and one that never answers.
        byte[] wanted = bytes(4096, 7);
        Path wrong = Files.write(www.resolve("not-" + Sha256.of(wanted).hex()), bytes(4096, 8));
        writeStub("bad/corrupt.bin", Stub.of(Sha256.of(wanted), wanted.length, List.of(nginx.url("/sha256/" + wrong.getFileName()))));
        byte[] never = bytes(4096, 9);
        writeStub("bad/stalled.bin", Stub.of(Sha256.of(never), never.length, List.of(stalling.url("/stall"))));

        store = FileBlobStore.open(tmp.resolve("data"), StoreConfig.DEFAULTS);
        webseed = new WebseedFetcher(store, WebseedConfig.DEFAULTS.withDeadline(FETCH_TIMEOUT), InstantSource.system());
        mount = SkinnyMount.mount(MountConfig.of(src, mnt).withFetchTimeout(FETCH_TIMEOUT),
                new ResolverBlobSource(store, ResolverChain.standard(store, webseed)));
    }

    private FaultServer stallingServer() {
        return stalling;
    }

    @AfterAll
    void unmount() throws Exception {
        if (mount != null) {
            mount.close();
        }
        if (mnt != null) {
            forceUnmount(mnt);
        }
        for (AutoCloseable c : new AutoCloseable[] {webseed, store, stalling, nginx}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void stubsShowTheOriginalSizeWithTheStubFilesModeAndTime() throws IOException {
        for (Map.Entry<String, Path> e : stubbed.entrySet()) {
            Map<String, Object> shown = Files.readAttributes(mnt.resolve(e.getKey()), "unix:size,mode,lastModifiedTime");
            Map<String, Object> stub = Files.readAttributes(src.resolve(e.getKey()), "unix:mode,lastModifiedTime");
            assertThat(shown).as(e.getKey()).containsAllEntriesOf(stub).containsEntry("size", Files.size(e.getValue()));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mnt.resolve("bin/ls")))).isEqualTo("rwxr-xr-x");
        assertThat(Files.getLastModifiedTime(mnt.resolve("data/random1.bin"))).isEqualTo(FileTime.from(Instant.parse("2022-02-02T02:02:02Z")));
    }

    @Test
    void stubsShowTheBlocksOfTheirContentSoDuCountsThemAndLargeReadsArePreferred() throws Exception {
        Path out = tmp.resolve("stat.out");
        Path file = mnt.resolve("data/random1.bin");
        assertThat(FuseTesting.run(out, "stat", "-c", "%b %B %o", file.toString())).as(FuseTesting.read(out)).isZero();
        long size = Files.size(originals.resolve("random1.bin"));
        assertThat(Files.readString(out).trim()).isEqualTo((size + 511) / 512 + " 512 " + SkinnyFs.MAX_READ_BYTES);
    }

    @Test
    void everyFileReadsBackByteForByte() throws IOException {
        for (Map.Entry<String, Path> e : stubbed.entrySet()) {
            assertThat(Files.mismatch(mnt.resolve(e.getKey()), e.getValue())).as(e.getKey()).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(mnt.resolve("data/latest"), originals.resolve("random2.bin"))).isEqualTo(-1L);
    }

    @Test
    void aStubbedBinaryRuns() throws Exception {
        Path out = tmp.resolve("ls.out");
        assertThat(FuseTesting.run(out, mnt.resolve("bin/ls").toString(), "-1", mnt.resolve("data").toString())).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("latest", "random0.bin", "random1.bin", "random2.bin");
        assertThat(FuseTesting.run(tmp.resolve("env.out"), mnt.resolve("bin/env").toString(), mnt.resolve("bin/true").toString())).isZero();
    }

    @Test
    void mmapReadsTheContent() throws Exception {
        byte[] expected = Files.readAllBytes(originals.resolve("random1.bin"));
        Path mapped = tmp.resolve("mapped.bin");
        Path log = tmp.resolve("mmap.log");
        // In a child JVM: page faults on our own mount from this JVM could deadlock it (see MmapRead).
        int exit = FuseTesting.run(log, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), MmapRead.class.getName(),
                mnt.resolve("data/random1.bin").toString(), mapped.toString());
        assertThat(exit).as(FuseTesting.read(log)).isZero();
        assertThat(Files.readAllBytes(mapped)).isEqualTo(expected);
    }

    @Test
    void concurrentOpensOfOneMissingBlobFetchItOnce() throws Exception {
        Path original = originals.resolve("shared.bin");
        Digest digest = Sha256.of(Files.readAllBytes(original));
        assertThat(store.has(digest)).isFalse();
        List<Future<Long>> readers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                readers.add(pool.submit(() -> Files.mismatch(mnt.resolve("concurrent/shared.bin"), original)));
            }
            for (Future<Long> reader : readers) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(-1L);
            }
        }
        assertThat(nginx.accessLog().lines().filter(l -> l.contains("/sha256/" + digest.hex()))).hasSize(1);
    }

    @Test
    void aCorruptWebseedGivesEioAndCachesNothing() {
        Digest wanted = Sha256.of(bytes(4096, 7));
        assertThatThrownBy(() -> Files.readAllBytes(mnt.resolve("bad/corrupt.bin")))
                .isInstanceOf(IOException.class).hasMessageContaining("Input/output error");
        assertThat(store.has(wanted)).isFalse();
    }

    @Test
    void aStalledWebseedGivesEioAtTheDeadlineWhileOtherCallsKeepWorking() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            Future<byte[]> stalled = pool.submit(() -> Files.readAllBytes(mnt.resolve("bad/stalled.bin")));
            // While that open waits on the webseed, the rest of the mount answers.
            assertThat(Files.readAttributes(mnt.resolve("bin/ls"), "size")).isNotEmpty();
            assertThat(Files.mismatch(mnt.resolve("bin/true"), originals.resolve("true"))).isEqualTo(-1L);
            assertThat(stalled).isNotDone();

            assertThatThrownBy(() -> stalled.get(FETCH_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IOException.class).rootCause().hasMessageContaining("Input/output error");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(FETCH_TIMEOUT.minusMillis(100), FETCH_TIMEOUT.plusSeconds(3));
        }
        assertThat(store.has(Sha256.of(bytes(4096, 9)))).isFalse();
    }

    private void stub(Path original, String path, String mode, Path www) throws IOException {
        byte[] content = Files.readAllBytes(original);
        Digest digest = Sha256.of(content);
        Files.write(www.resolve(digest.hex()), content);
        Path stub = writeStub(path, Stub.of(digest, content.length, List.of(nginx.url("/sha256/" + digest.hex()))));
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(stub, FileTime.from(Instant.parse("2022-02-02T02:02:02Z")));
        stubbed.put(path, original);
    }

    private Path writeStub(String path, Stub stub) throws IOException {
        Path file = src.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, StubCodec.toBytes(stub));
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

}
