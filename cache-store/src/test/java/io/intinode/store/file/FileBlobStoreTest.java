package io.intinode.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.BlobStoreConformance;
import io.intinode.store.Blobs;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FileBlobStoreTest extends BlobStoreConformance {
    // Small buffers, so that tests of a few MB go through many chunks and periodic syncs.
    static final StoreConfig SMALL_CHUNKS = new StoreConfig(StoreConfig.DEFAULT_QUOTA_BYTES, 64 << 10, 4, 128 << 10);

    @Override
    protected BlobStore open(Path dir, InstantSource clock) {
        return FileBlobStore.openWithoutQuota(dir, SMALL_CHUNKS, clock);
    }

    private FileBlobStore fileStore() {
        return (FileBlobStore) store;
    }

    private FileBlobStore reopen() {
        store.close();
        store = open(dir, clock);
        return fileStore();
    }

    @Test
    void blobLivesAtItsDigestPathReadOnly() throws IOException {
        byte[] content = Blobs.random(3_000_000, 1);
        Digest d = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL).digest();

        Path blob = dir.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex());
        assertThat(blob).hasBinaryContent(content);
        assertThat(Files.getPosixFilePermissions(blob))
                .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void ingestByMoveFromAnotherFileSystemCopies() throws IOException {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isWritable(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(dir)),
                "needs /dev/shm on another file system than the temp dir");
        byte[] content = Blobs.random(300_000, 33);
        Path file = Files.write(Files.createTempFile(shm, "intinode-test", ".part"), content);

        BlobInfo info = store.ingestByMove(file, Expected.of(Blobs.sha256(content), content.length), Origin.LAN_PEER);

        assertThat(file).doesNotExist();
        assertThat(info.digest()).isEqualTo(Blobs.sha256(content));
        assertThat(dir.resolve("blobs/sha256/" + info.digest().hex().substring(0, 2) + "/" + info.digest().hex()))
                .hasBinaryContent(content);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void failedIngestLeavesNoTempFile() {
        byte[] content = Blobs.random(1_000_000, 2);
        assertThatThrownBy(() -> store.ingest(Blobs.stream(content), Expected.of(Blobs.sha256(new byte[0]), content.length), Origin.WEBSEED))
                .isInstanceOf(io.intinode.store.BlobMismatchException.class);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
        assertThat(dir.resolve("blobs/sha256")).isEmptyDirectory();
    }

    @Test
    void brokenStreamLeavesNothing() {
        InputStream broken = new InputStream() {
            private int left = 300_000;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 7;
            }
        };
        assertThatThrownBy(() -> store.ingest(broken, Expected.NOTHING, Origin.WEBSEED))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("connection reset");
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
        assertThat(listAll()).isEmpty();
    }

    @Test
    void indexSurvivesReopen() {
        Digest d = store.ingest(Blobs.stream(Blobs.random(100, 3)), Expected.NOTHING, Origin.DHT_PEER).digest();
        store.setPinned(d, true);
        BlobInfo before = store.info(d).orElseThrow();

        FileBlobStore again = reopen();

        assertThat(again.info(d)).contains(before);
        assertThat(again.usedBytes()).isEqualTo(100);
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> FileBlobStore.openWithoutQuota(dir, SMALL_CHUNKS, clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("in use");
    }

    @Test
    void reopenDropsEntriesWhoseFileIsGoneAndAddsFilesWithoutEntry() throws IOException {
        Digest kept = store.ingest(Blobs.stream(Blobs.random(100, 4)), Expected.NOTHING, Origin.LOCAL).digest();
        Digest lost = store.ingest(Blobs.stream(Blobs.random(200, 5)), Expected.NOTHING, Origin.LOCAL).digest();
        byte[] orphanContent = Blobs.random(300, 6);
        Digest orphan = Blobs.sha256(orphanContent);
        store.close();
        Files.delete(dir.resolve("blobs/sha256/" + lost.hex().substring(0, 2) + "/" + lost.hex()));
        Path orphanFile = dir.resolve("blobs/sha256/" + orphan.hex().substring(0, 2) + "/" + orphan.hex());
        Files.createDirectories(orphanFile.getParent());
        Files.write(orphanFile, orphanContent);
        Files.write(dir.resolve("tmp/ingest-x.part"), new byte[10]);

        store = open(dir, clock);

        assertThat(listAll()).extracting(BlobInfo::digest).containsExactlyInAnyOrder(kept, orphan);
        assertThat(store.info(orphan).orElseThrow().origin()).isEqualTo(Origin.UNKNOWN);
        assertThat(store.usedBytes()).isEqualTo(400);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void blobWhoseSizeChangedIsQuarantinedAtOpen() throws IOException {
        Digest d = store.ingest(Blobs.stream(Blobs.random(1000, 15)), Expected.NOTHING, Origin.LOCAL).digest();
        store.close();
        Path blob = dir.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex());
        Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("rw-------"));
        Files.write(blob, new byte[10]); // truncated behind the store's back

        store = open(dir, clock);

        assertThat(store.has(d)).isFalse();
        assertThat(store.usedBytes()).isZero();
        assertThat(blob).doesNotExist();
        assertThat(dir.resolve("quarantine").resolve(d.hex())).hasSize(10);
    }

    @Test
    void strayFilesAreQuarantinedNotDeleted() throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256/ab"));
        Files.writeString(dir.resolve("blobs/sha256/ab/not-a-digest"), "x");
        Files.writeString(dir.resolve("blobs/sha256/README"), "y");
        store.close();

        store = open(dir, clock);

        assertThat(dir.resolve("quarantine/stray-not-a-digest")).hasContent("x");
        assertThat(dir.resolve("quarantine/stray-README")).hasContent("y");
        assertThat(listAll()).isEmpty();
    }

    @Test
    void lostIndexIsRebuiltFromTheFiles() throws IOException {
        Digest a = store.ingest(Blobs.stream(Blobs.random(100, 7)), Expected.NOTHING, Origin.LOCAL).digest();
        Digest b = store.ingest(Blobs.stream(Blobs.random(200, 8)), Expected.NOTHING, Origin.LOCAL).digest();
        store.close();
        deleteTree(dir.resolve("index"));

        store = open(dir, clock);

        assertThat(listAll()).extracting(BlobInfo::digest).containsExactlyInAnyOrder(a, b);
        assertThat(store.usedBytes()).isEqualTo(300);
    }

    @Test
    void corruptIndexIsMovedAsideAndRebuilt() throws IOException {
        Digest a = store.ingest(Blobs.stream(Blobs.random(100, 9)), Expected.NOTHING, Origin.LOCAL).digest();
        store.close();
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            for (Path f : files.toList()) {
                Files.write(f, Blobs.random(4096, 10)); // garbage over every file, CURRENT and MANIFEST included
            }
        }

        store = open(dir, clock);

        assertThat(listAll()).extracting(BlobInfo::digest).containsExactly(a);
        try (Stream<Path> q = Files.list(dir.resolve("quarantine"))) {
            assertThat(q.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("index-"));
        }
    }

    @Test
    void rebuildKeepsPinsThatStillAgree() {
        Digest a = store.ingest(Blobs.stream(Blobs.random(100, 11)), Expected.NOTHING, Origin.WEBSEED).digest();
        store.setPinned(a, true);

        ReconcileReport report = fileStore().rebuildIndex();

        assertThat(report.blobs()).isEqualTo(1);
        assertThat(store.info(a).orElseThrow().pinned()).isTrue();
        assertThat(store.info(a).orElseThrow().origin()).isEqualTo(Origin.WEBSEED);
    }

    @Test
    void verifyQuarantinesDamagedBlobs() throws IOException {
        byte[] good = Blobs.random(500_000, 12);
        byte[] bad = Blobs.random(300_000, 13);
        Digest g = store.ingest(Blobs.stream(good), Expected.NOTHING, Origin.LOCAL).digest();
        Digest b = store.ingest(Blobs.stream(bad), Expected.NOTHING, Origin.LOCAL).digest();
        Path badFile = dir.resolve("blobs/sha256/" + b.hex().substring(0, 2) + "/" + b.hex());
        Files.setPosixFilePermissions(badFile, PosixFilePermissions.fromString("rw-------"));
        bad[1000] ^= 1; // one flipped bit, same size
        Files.write(badFile, bad);
        AtomicLong hashed = new AtomicLong();

        VerifyReport report = fileStore().verify(hashed::addAndGet);

        assertThat(report.checked()).isEqualTo(2);
        assertThat(report.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.digest()).isEqualTo(b);
            assertThat(q.actual()).isEqualTo(Blobs.sha256(bad));
            assertThat(q.movedTo()).hasBinaryContent(bad);
        });
        assertThat(hashed.get()).isEqualTo(800_000);
        assertThat(store.has(b)).isFalse();
        assertThat(store.has(g)).isTrue();
        assertThat(store.usedBytes()).isEqualTo(500_000);
        assertThat(badFile).doesNotExist();
    }

    @Test
    void blobDeletedBehindTheStoresBackIsNotOffered() throws IOException {
        Digest d = store.ingest(Blobs.stream(Blobs.random(100, 14)), Expected.NOTHING, Origin.LOCAL).digest();
        Files.delete(dir.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex()));

        assertThat(store.open(d)).isEmpty();
        assertThat(store.has(d)).isFalse();
        assertThat(store.usedBytes()).isZero();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
