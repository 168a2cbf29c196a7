package io.intinode.transfer.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobMismatchException;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.TestBlobs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequentialPartialTest {
    private static final int CHUNK = ChunkList.DEFAULT_CHUNK_BYTES;
    private final byte[] content = random(3 * CHUNK + 11);
    private final Digest digest = TestBlobs.sha256(content);
    @TempDir Path dir;

    @Test
    void continuesAfterTheChunksWrittenBeforeAndCommits() {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        try (SequentialPartial first = open(area)) {
            assertThat(first.position()).isZero();
            first.write(content, 0, 2 * CHUNK + 100); // the last 100 bytes make no whole chunk: not kept
        }
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"));
                SequentialPartial second = open(area)) {
            assertThat(second.position()).isEqualTo(2L * CHUNK);
            second.write(content, 2 * CHUNK, content.length - 2 * CHUNK);

            assertThat(second.commit(store, Origin.WEBSEED).digest()).isEqualTo(digest);
            assertThat(TestBlobs.bytes(store, digest)).contains(content);
            // Kept chunks hashed as read back, the rest as written: the list the store keeps is the blob's.
            try (FileBlobStore other = TestBlobs.openStore(dir.resolve("other"))) {
                other.ingest(new java.io.ByteArrayInputStream(content), io.intinode.store.BlobStore.Expected.NOTHING,
                        Origin.LOCAL);
                assertThat(store.chunkList(digest)).isPresent().isEqualTo(other.chunkList(digest));
            }
        }
        assertThat(dir.resolve("partial")).isEmptyDirectory();
    }

    @Test
    void aPeerDownloadTakesUpTheChunksAWebseedWrote() {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        try (SequentialPartial partial = open(area)) {
            partial.write(content, 0, 2 * CHUNK);
        }
        ChunkList list = FakeSource.honest("a", content, CHUNK).chunkList(digest);
        try (PartialBlob peer = PartialBlob.open(area.dir(), list)) {
            assertThat(peer.verified()).isEqualTo(bits(0, 2));
        }
    }

    @Test
    void marksAheadOfTheBytesOnDiskCountOnlyForTheBytesThere() throws IOException {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        try (SequentialPartial partial = open(area)) {
            partial.write(content, 0, 3 * CHUNK);
        }
        // A crash before the page cache reached the disk: the marks say three chunks, the file holds 1.5.
        try (FileChannel data = FileChannel.open(PartialBlob.dataFile(area.dir(), digest), StandardOpenOption.WRITE)) {
            data.truncate(CHUNK + CHUNK / 2);
        }
        try (SequentialPartial partial = open(area)) {
            assertThat(partial.position()).isEqualTo(CHUNK);
        }
    }

    @Test
    void aTornWriteFailsTheCommitAndLeavesNoPartialBehind() throws IOException {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        try (SequentialPartial partial = open(area)) {
            partial.write(content, 0, CHUNK);
        }
        try (FileChannel data = FileChannel.open(PartialBlob.dataFile(area.dir(), digest), StandardOpenOption.WRITE)) {
            data.write(ByteBuffer.wrap(new byte[] {(byte) ~content[77]}), 77);
        }
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"));
                SequentialPartial partial = open(area)) {
            partial.write(content, CHUNK, content.length - CHUNK);
            assertThatThrownBy(() -> partial.commit(store, Origin.WEBSEED)).isInstanceOf(BlobMismatchException.class);
            assertThat(store.has(digest)).isFalse();
        }
        assertThat(area.dir()).isEmptyDirectory();
    }

    @Test
    void restartForgetsTheKeptBytes() {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        try (SequentialPartial partial = open(area)) {
            partial.write(content, 0, 2 * CHUNK);
            partial.note("http://h/x\n\"etag\"\n");
            partial.restart();
            assertThat(partial.position()).isZero();
            assertThat(partial.note()).isEmpty();
        }
        try (SequentialPartial partial = open(area)) {
            assertThat(partial.position()).isZero();
        }
    }

    @Test
    void refusesBytesPastTheEndAndACommitOfTooFew() {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"));
                SequentialPartial partial = open(area)) {
            partial.write(content, 0, 100);
            assertThatThrownBy(() -> partial.commit(store, Origin.WEBSEED)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("100 of " + content.length);
            assertThatThrownBy(() -> partial.write(new byte[content.length], 0, content.length))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aNoteReadsBackAndOneTooLongIsIgnored() throws IOException {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        try (SequentialPartial partial = open(area)) {
            assertThat(partial.note()).isEmpty();
            partial.note("http://h/x\n\"etag\"\n");
            assertThat(partial.note()).contains("http://h/x\n\"etag\"\n");
            assertThatThrownBy(() -> partial.note("x".repeat(SequentialPartial.MAX_NOTE_BYTES + 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            Files.writeString(PartialBlob.noteFile(area.dir(), digest),
                    "x".repeat(SequentialPartial.MAX_NOTE_BYTES + 1));
            assertThat(partial.note()).isEmpty();
        }
    }

    @Test
    void oneWriterAtATime() throws InterruptedException {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread other = Thread.ofVirtual().start(() -> {
            try (SequentialPartial held = open(area)) {
                opened.countDown();
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(area.tryOpenSequential(digest, content.length)).isEmpty();
        assertThat(area.heldBySequential(digest)).isTrue();
        done.countDown();
        assertThat(other.join(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(area.heldBySequential(digest)).isFalse();
        try (SequentialPartial mine = open(area)) {
            assertThat(mine.position()).isZero();
        }
    }

    private SequentialPartial open(PartialArea area) {
        return area.tryOpenSequential(digest, content.length).orElseThrow();
    }

    private static BitSet bits(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }
}
