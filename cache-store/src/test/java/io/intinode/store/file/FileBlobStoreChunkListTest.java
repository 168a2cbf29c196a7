package io.intinode.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Blobs;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chunk lists beside the blobs: made at ingest from both paths, and kept in step by reconcile. */
class FileBlobStoreChunkListTest {
    private static final int MIB = ChunkList.DEFAULT_CHUNK_BYTES;

    @TempDir
    Path dir;

    @TempDir
    Path sources;

    private final TestClock clock = new TestClock();
    private FileBlobStore store;

    @BeforeEach
    void open() {
        store = FileBlobStore.openWithoutQuota(dir, FileBlobStoreTest.SMALL_CHUNKS, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, MIB, MIB + 1, 3 * MIB + 4567})
    void fileIngestWritesTheChunkListBesideTheBlob(int size) throws IOException {
        byte[] content = Blobs.random(size, size + 7);
        Path source = Files.write(sources.resolve("in.bin"), content);

        Digest d = store.ingest(source, Expected.NOTHING, Origin.LOCAL).digest();

        assertThat(store.chunkList(d).orElseThrow().chunks()).isEqualTo(Blobs.chunkDigests(content, MIB));
        assertThat(chunkFile(d)).hasSize((long) ChunkList.chunkCount(size, MIB) * Digest.BYTES);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void removedBlobTakesItsChunkListAlong() {
        Digest d = ingest(Blobs.random(MIB + 5, 1));
        assertThat(chunkFile(d)).exists();

        assertThat(store.remove(d)).isTrue();

        assertThat(chunkFile(d)).doesNotExist();
    }

    @Test
    void failedIngestLeavesNoChunkList() {
        byte[] content = Blobs.random(MIB + 5, 2);
        Expected wrong = Expected.of(Blobs.sha256(new byte[0]), content.length);
        try {
            store.ingest(Blobs.stream(content), wrong, Origin.WEBSEED);
        } catch (io.intinode.store.BlobMismatchException expected) {
            // the mismatch is the point; what matters is what is left on disk
        }
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
        assertThat(dir.resolve("blobs/sha256")).isEmptyDirectory();
    }

    @Test
    void reopenRebuildsMissingAndDamagedChunkListsAndDropsOrphans() throws IOException {
        byte[] a = Blobs.random(2 * MIB + 1, 3);
        byte[] b = Blobs.random(MIB, 4);
        Digest missing = ingest(a);
        Digest damaged = ingest(b);
        Digest gone = ingest(Blobs.random(10, 5));
        store.close();
        Files.delete(chunkFile(missing));
        Files.write(chunkFile(damaged), new byte[] {1, 2, 3});
        Files.delete(blobFile(gone));

        store = FileBlobStore.openWithoutQuota(dir, FileBlobStoreTest.SMALL_CHUNKS, clock);

        assertThat(ChunkListFile.read(chunkFile(missing), missing, a.length).chunks()).isEqualTo(Blobs.chunkDigests(a, MIB));
        assertThat(ChunkListFile.read(chunkFile(damaged), damaged, b.length).chunks()).isEqualTo(Blobs.chunkDigests(b, MIB));
        assertThat(chunkFile(gone)).doesNotExist();
        assertThat(dir.resolve("quarantine")).isEmptyDirectory();
    }

    @Test
    void chunkListLostWhileOpenIsHashedAgainOnRequest() throws IOException {
        byte[] content = Blobs.random(MIB + 9, 6);
        Digest d = ingest(content);
        Files.delete(chunkFile(d));

        assertThat(store.chunkList(d).orElseThrow().chunks()).isEqualTo(Blobs.chunkDigests(content, MIB));
        assertThat(chunkFile(d)).exists();
    }

    @Test
    void verifyKeepsChunkListsOfSoundBlobs() {
        byte[] content = Blobs.random(MIB + 9, 8);
        Digest d = ingest(content);

        assertThat(store.verify(n -> {}).quarantined()).isEmpty();

        assertThat(store.chunkList(d).orElseThrow().chunks()).isEqualTo(Blobs.chunkDigests(content, MIB));
    }

    private Digest ingest(byte[] content) {
        return store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL).digest();
    }

    private Path blobFile(Digest d) {
        return dir.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex());
    }

    private Path chunkFile(Digest d) {
        return dir.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex() + ChunkListFile.SUFFIX);
    }
}
