package io.intinode.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Blobs;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading committed blobs while another owner (here: an open store in this JVM) holds the data directory. */
class CommittedBlobsTest {
    @TempDir
    Path dir;
    FileBlobStore store;
    CommittedBlobs committed;

    @BeforeEach
    void open() {
        store = FileBlobStore.openWithoutQuota(dir, StoreConfig.DEFAULTS, InstantSource.system());
        committed = CommittedBlobs.in(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void opensACommittedBlobWhileTheStoreHoldsTheLock() throws IOException {
        byte[] content = Blobs.random(300_000, 3);
        Digest d = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL).digest();

        try (BlobHandle h = committed.open(d).orElseThrow()) {
            assertThat(h.digest()).isEqualTo(d);
            assertThat(h.size()).isEqualTo(content.length);
            assertThat(read(h)).isEqualTo(content);
        }
        assertThat(store.isOpen(d)).isFalse(); // no hold on the owner's blob: it may evict it
    }

    @Test
    void aMissingBlobOrAnIngestInProgressIsNotThere() throws IOException {
        byte[] content = Blobs.random(4096, 4);
        Digest d = Sha256.of(content);
        assertThat(committed.open(d)).isEmpty();
        // Bytes in tmp/ (an ingest that has not been checked yet) are never seen.
        Files.write(dir.resolve("tmp").resolve("ingest-x.part"), content);
        assertThat(committed.open(d)).isEmpty();
    }

    @Test
    void aBlobRemovedByTheOwnerIsGoneButAnOpenHandleStillReadsIt() throws IOException {
        byte[] content = Blobs.random(100_000, 5);
        Digest d = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL).digest();
        try (BlobHandle h = committed.open(d).orElseThrow()) {
            assertThat(store.remove(d)).isTrue();
            assertThat(committed.open(d)).isEmpty();
            assertThat(read(h)).isEqualTo(content);
        }
    }

    @Test
    void aSymlinkAtABlobsPlaceIsNotFollowed() throws IOException {
        byte[] content = Blobs.random(1000, 6);
        Digest d = Sha256.of(content);
        Path elsewhere = Files.write(dir.resolve("elsewhere"), content);
        Path place = Files.createDirectories(dir.resolve("blobs/sha256/" + d.hex().substring(0, 2))).resolve(d.hex());
        Files.createSymbolicLink(place, elsewhere);
        assertThatThrownBy(() -> committed.open(d))
                .hasMessageContaining("cannot open " + place);
    }

    private static byte[] read(BlobHandle h) throws IOException {
        return Channels.newInputStream(h.channel()).readAllBytes();
    }
}
