package io.intinode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobStore.Expected;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link BlobStore} must have. An implementation's test extends this and says how
 * to open a store; the quota is not applied here (that is the cleaner's job, tested on its own).
 */
public abstract class BlobStoreConformance {
    @TempDir
    protected Path dir;

    protected final TestClock clock = new TestClock();
    protected BlobStore store;

    /** Opens a store in {@code dir} with {@code clock}, with nothing applying a quota. */
    protected abstract BlobStore open(Path dir, InstantSource clock);

    @BeforeEach
    void openStore() {
        store = open(dir, clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void ingestedBlobCanBeFoundAndReadBack() throws IOException {
        byte[] content = Blobs.random(100_000, 1);
        Digest digest = Blobs.sha256(content);

        BlobInfo info = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL);

        assertThat(info.digest()).isEqualTo(digest);
        assertThat(info.size()).isEqualTo(content.length);
        assertThat(info.origin()).isEqualTo(Origin.LOCAL);
        assertThat(info.added()).isEqualTo(clock.instant());
        assertThat(info.pinned()).isFalse();
        assertThat(info.shareable()).isFalse();
        assertThat(store.has(digest)).isTrue();
        assertThat(store.info(digest)).contains(info);
        assertThat(readAll(digest)).isEqualTo(content);
        assertThat(store.usedBytes()).isEqualTo(content.length);
    }

    @Test
    void emptyBlobIsABlob() throws IOException {
        Digest empty = Blobs.sha256(new byte[0]);
        BlobInfo info = store.ingest(Blobs.stream(new byte[0]), Expected.of(empty, 0), Origin.WEBSEED);
        assertThat(info.size()).isZero();
        assertThat(readAll(empty)).isEmpty();
    }

    @Test
    void ingestFromFileCopiesIt() throws IOException {
        byte[] content = Blobs.random(70_000, 2);
        Path file = Files.write(dir.resolveSibling(dir.getFileName() + "-src"), content);
        try {
            BlobInfo info = store.ingest(file, Expected.NOTHING, Origin.LOCAL);
            assertThat(info.digest()).isEqualTo(Blobs.sha256(content));
            assertThat(file).exists().hasBinaryContent(content);
            assertThat(readAll(info.digest())).isEqualTo(content);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, ChunkList.DEFAULT_CHUNK_BYTES + 1, 3 * ChunkList.DEFAULT_CHUNK_BYTES + 7})
    void ingestByMoveTakesTheFileAndHashesItAsAnyIngest(int size) throws IOException {
        byte[] content = Blobs.random(size, 30 + size);
        Digest digest = Blobs.sha256(content);
        Path file = Files.write(dir.resolveSibling(dir.getFileName() + "-download"), content);

        BlobInfo info = store.ingestByMove(file, Expected.of(digest, size), Origin.LAN_PEER);

        assertThat(file).doesNotExist();
        assertThat(info.digest()).isEqualTo(digest);
        assertThat(info.size()).isEqualTo(size);
        assertThat(info.origin()).isEqualTo(Origin.LAN_PEER);
        assertThat(readAll(digest)).isEqualTo(content);
        assertThat(store.chunkList(digest).orElseThrow().chunks())
                .isEqualTo(Blobs.chunkDigests(content, ChunkList.DEFAULT_CHUNK_BYTES));
    }

    @Test
    void ingestByMoveOfWrongBytesCommitsNothingAndRemovesTheFile() throws IOException {
        byte[] content = Blobs.random(2_500_000, 31);
        Path file = Files.write(dir.resolveSibling(dir.getFileName() + "-download"), content);
        Digest other = Blobs.sha256(new byte[] {1});
        assertThatThrownBy(() -> store.ingestByMove(file, Expected.of(other, content.length), Origin.LAN_PEER))
                .isInstanceOf(BlobMismatchException.class)
                .hasMessageContaining(other.toString());
        assertThat(file).doesNotExist();
        assertThat(listAll()).isEmpty();

        Path bigger = Files.write(dir.resolveSibling(dir.getFileName() + "-download"), content);
        assertThatThrownBy(() -> store.ingestByMove(bigger, new Expected(null, content.length - 1), Origin.LAN_PEER))
                .isInstanceOf(BlobMismatchException.class);
        assertThat(bigger).doesNotExist();
        assertThat(listAll()).isEmpty();
    }

    @Test
    void ingestByMoveOfAHashedDownloadKeepsItsChunkListAndChecksItsDigest() throws IOException {
        byte[] content = Blobs.random(3 * ChunkList.DEFAULT_CHUNK_BYTES + 7, 33);
        Digest digest = Blobs.sha256(content);
        ChunkList list = new ChunkList(digest, content.length, ChunkList.DEFAULT_CHUNK_BYTES,
                Blobs.chunkDigests(content, ChunkList.DEFAULT_CHUNK_BYTES));
        Path file = Files.write(dir.resolveSibling(dir.getFileName() + "-download"), content);

        BlobInfo info = store.ingestByMove(file, list, digest, Origin.LAN_PEER);

        assertThat(file).doesNotExist();
        assertThat(info.digest()).isEqualTo(digest);
        assertThat(readAll(digest)).isEqualTo(content);
        assertThat(store.chunkList(digest)).contains(list);

        // A file whose bytes hash to another blob than the list names is refused.
        byte[] flipped = content.clone();
        flipped[ChunkList.DEFAULT_CHUNK_BYTES + 5] ^= 1;
        Digest wanted = Blobs.sha256(flipped);
        ChunkList lie = new ChunkList(wanted, flipped.length, ChunkList.DEFAULT_CHUNK_BYTES,
                Blobs.chunkDigests(flipped, ChunkList.DEFAULT_CHUNK_BYTES));
        Path wrong = Files.write(dir.resolveSibling(dir.getFileName() + "-download"), content);
        assertThatThrownBy(() -> store.ingestByMove(wrong, lie, digest, Origin.LAN_PEER))
                .isInstanceOf(BlobMismatchException.class)
                .hasMessageContaining(wanted.toString());
        assertThat(wrong).doesNotExist();
        assertThat(store.info(wanted)).isEmpty();
    }

    @Test
    void ingestByMoveOfAPresentBlobKeepsItAndRemovesTheFile() throws IOException {
        byte[] content = Blobs.random(80_000, 32);
        BlobInfo first = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL);
        Path file = Files.write(dir.resolveSibling(dir.getFileName() + "-download"), content);

        BlobInfo again = store.ingestByMove(file, Expected.of(first.digest(), content.length), Origin.LAN_PEER);

        assertThat(again).isEqualTo(first);
        assertThat(file).doesNotExist();
        assertThat(listAll()).containsExactly(first);
    }

    @Test
    void ingestByMoveOfAMissingFileIsAClearError() {
        Path missing = dir.resolve("no-such-file");
        assertThatThrownBy(() -> store.ingestByMove(missing, Expected.NOTHING, Origin.LOCAL))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void fileLargerThanExpectedIsASizeMismatch() throws IOException {
        byte[] content = Blobs.random(5_000_000, 20);
        Path file = Files.write(dir.resolveSibling(dir.getFileName() + "-big"), content);
        try {
            assertThatThrownBy(() -> store.ingest(file, new Expected(null, 1_000_000), Origin.LOCAL))
                    .isInstanceOf(BlobMismatchException.class);
            assertThatThrownBy(() -> store.ingest(file, Expected.of(Blobs.sha256(content), 5_000_001), Origin.LOCAL))
                    .isInstanceOf(BlobMismatchException.class);
            assertThat(listAll()).isEmpty();
            assertThat(store.ingest(file, Expected.of(Blobs.sha256(content), 5_000_000), Origin.LOCAL).size())
                    .isEqualTo(5_000_000);
            assertThat(readAll(Blobs.sha256(content))).isEqualTo(content);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("no-such-file");
        assertThatThrownBy(() -> store.ingest(missing, Expected.NOTHING, Origin.LOCAL))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void wrongDigestLeavesNothingAndNamesBoth() {
        byte[] content = Blobs.random(5000, 3);
        Digest claimed = Blobs.sha256(Blobs.random(5000, 4));
        Digest actual = Blobs.sha256(content);

        assertThatThrownBy(() -> store.ingest(Blobs.stream(content), Expected.of(claimed, 5000), Origin.WEBSEED))
                .isInstanceOfSatisfying(BlobMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(claimed.toString());
                    assertThat(e.actual()).isEqualTo(actual.toString());
                });
        assertThat(store.has(claimed)).isFalse();
        assertThat(store.has(actual)).isFalse();
        assertThat(listAll()).isEmpty();
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void tooFewBytesIsASizeMismatch() {
        byte[] content = Blobs.random(1000, 5);
        assertThatThrownBy(() -> store.ingest(Blobs.stream(content), Expected.of(Blobs.sha256(content), 1001), Origin.WEBSEED))
                .isInstanceOfSatisfying(BlobMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo("1001");
                    assertThat(e.actual()).isEqualTo("1000");
                });
        assertThat(listAll()).isEmpty();
    }

    @Test
    void tooManyBytesIsASizeMismatchEvenWithoutADigest() {
        byte[] content = Blobs.random(3_000_000, 6);
        assertThatThrownBy(() -> store.ingest(Blobs.stream(content), new Expected(null, 1000), Origin.WEBSEED))
                .isInstanceOfSatisfying(BlobMismatchException.class, e -> assertThat(e.expected()).isEqualTo("1000"));
        assertThat(listAll()).isEmpty();
    }

    @Test
    void ingestingAPresentBlobByDigestDoesNotReadTheStream() {
        byte[] content = Blobs.random(2000, 7);
        Digest digest = Blobs.sha256(content);
        BlobInfo first = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL);

        BlobInfo again = store.ingest(Blobs.unreadable(), Expected.of(digest, content.length), Origin.WEBSEED);

        assertThat(again).isEqualTo(first);
        assertThat(store.usedBytes()).isEqualTo(content.length);
    }

    @Test
    void expectingAnotherSizeForAPresentBlobIsAMismatch() {
        byte[] content = Blobs.random(2000, 21);
        Digest digest = Blobs.sha256(content);
        store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL);

        assertThatThrownBy(() -> store.ingest(Blobs.unreadable(), Expected.of(digest, 1999), Origin.WEBSEED))
                .isInstanceOfSatisfying(BlobMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo("1999");
                    assertThat(e.actual()).isEqualTo("2000");
                });
        assertThat(store.has(digest)).isTrue();
    }

    @Test
    void negativeExpectedSizeIsRejected() {
        assertThatThrownBy(() -> Expected.of(null, -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ingestingAPresentBlobWithoutDigestKeepsTheFirstEntry() {
        byte[] content = Blobs.random(2000, 8);
        BlobInfo first = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL);
        clock.advance(Duration.ofMinutes(1));

        BlobInfo again = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.WEBSEED);

        assertThat(again).isEqualTo(first);
        assertThat(listAll()).hasSize(1);
        assertThat(store.usedBytes()).isEqualTo(content.length);
    }

    @Test
    void concurrentIngestsOfOneDigestReadOneStream() throws Exception {
        byte[] content = Blobs.random(4_000_000, 9);
        Digest digest = Blobs.sha256(content);
        AtomicLong bytesRead = new AtomicLong();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BlobInfo>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.ingest(Blobs.counting(content, bytesRead), Expected.of(digest, content.length), Origin.LAN_PEER);
                }));
            }
            start.countDown();
            for (Future<BlobInfo> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS).digest()).isEqualTo(digest);
            }
        }
        assertThat(bytesRead.get()).isEqualTo(content.length);
        assertThat(listAll()).hasSize(1);
    }

    @Test
    void aFailedIngestDoesNotFailAConcurrentGoodOne() throws Exception {
        byte[] content = Blobs.random(2_000_000, 10);
        byte[] wrong = Blobs.random(2_000_000, 11);
        Digest digest = Blobs.sha256(content);
        CountDownLatch badReading = new CountDownLatch(1);
        AtomicReference<Thread> good = new AtomicReference<>();
        // The bad ingest goes first and holds off until the good one waits for it, then fails.
        InputStream bad = new java.io.FilterInputStream(Blobs.stream(wrong)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (badReading.getCount() > 0) {
                    badReading.countDown();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (good.get() == null || good.get().getState() != Thread.State.WAITING) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("the good ingest never waited for the bad one");
                        }
                        Thread.onSpinWait();
                    }
                }
                return super.read(b, off, len);
            }
        };
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> failed = pool.submit(() -> store.ingest(bad, Expected.of(digest, wrong.length), Origin.WEBSEED));
            assertThat(badReading.await(10, TimeUnit.SECONDS)).isTrue();
            Future<BlobInfo> succeeded = pool.submit(() -> {
                good.set(Thread.currentThread());
                return store.ingest(Blobs.stream(content), Expected.of(digest, content.length), Origin.WEBSEED);
            });
            assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(BlobMismatchException.class);
            assertThat(succeeded.get(30, TimeUnit.SECONDS).digest()).isEqualTo(digest);
        }
        assertThat(readAll(digest)).isEqualTo(content);
    }

    @Test
    void openRecordsTheAccess() {
        Digest digest = store.ingest(Blobs.stream(Blobs.random(10, 12)), Expected.NOTHING, Origin.LOCAL).digest();
        Instant later = clock.advance(Duration.ofHours(1));

        store.open(digest).orElseThrow().close();
        store.open(digest).orElseThrow().close();

        BlobInfo info = store.info(digest).orElseThrow();
        assertThat(info.accessCount()).isEqualTo(2);
        assertThat(info.lastAccess()).isEqualTo(later);
        assertThat(info.added()).isBefore(later);
    }

    @Test
    void touchRecordsAnAccessWithoutOpening() {
        Digest digest = store.ingest(Blobs.stream(Blobs.random(10, 13)), Expected.NOTHING, Origin.LOCAL).digest();
        Instant later = clock.advance(Duration.ofHours(1));

        assertThat(store.touch(digest)).isTrue();

        BlobInfo info = store.info(digest).orElseThrow();
        assertThat(info.accessCount()).isEqualTo(1);
        assertThat(info.lastAccess()).isEqualTo(later);
        assertThat(store.touch(Blobs.sha256(new byte[] {7}))).isFalse();
    }

    @Test
    void unknownBlobIsAbsentEverywhere() {
        Digest unknown = Blobs.sha256(new byte[] {1});
        assertThat(store.has(unknown)).isFalse();
        assertThat(store.info(unknown)).isEmpty();
        assertThat(store.open(unknown)).isEmpty();
        assertThat(store.remove(unknown)).isFalse();
        assertThatThrownBy(() -> store.setPinned(unknown, true)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.setShareable(unknown, true)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void removeFreesTheBytes() {
        Digest digest = store.ingest(Blobs.stream(Blobs.random(500, 13)), Expected.NOTHING, Origin.LOCAL).digest();
        assertThat(store.remove(digest)).isTrue();
        assertThat(store.has(digest)).isFalse();
        assertThat(store.open(digest)).isEmpty();
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void pinnedBlobIsNotRemovedUntilUnpinned() {
        Digest digest = store.ingest(Blobs.stream(Blobs.random(500, 14)), Expected.NOTHING, Origin.LOCAL).digest();
        store.setPinned(digest, true);
        assertThat(store.info(digest).orElseThrow().pinned()).isTrue();
        assertThat(store.remove(digest)).isFalse();
        assertThat(store.has(digest)).isTrue();

        store.setPinned(digest, false);
        assertThat(store.remove(digest)).isTrue();
    }

    @Test
    void openBlobIsNotRemovedUntilClosed() throws IOException {
        byte[] content = Blobs.random(500, 15);
        Digest digest = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL).digest();
        BlobHandle h1 = store.open(digest).orElseThrow();
        BlobHandle h2 = store.open(digest).orElseThrow();

        assertThat(store.remove(digest)).isFalse();
        h1.close();
        assertThat(store.remove(digest)).isFalse();
        assertThat(read(h2)).isEqualTo(content);
        h2.close();
        h2.close(); // closing twice must not release another reader's claim
        assertThat(store.remove(digest)).isTrue();
    }

    @Test
    void shareFlagIsKept() {
        Digest digest = store.ingest(Blobs.stream(Blobs.random(500, 16)), Expected.NOTHING, Origin.LOCAL).digest();
        store.setShareable(digest, true);
        assertThat(store.info(digest).orElseThrow().shareable()).isTrue();
        store.setShareable(digest, false);
        assertThat(store.info(digest).orElseThrow().shareable()).isFalse();
    }

    @Test
    void listIsInDigestOrder() {
        for (int i = 0; i < 20; i++) {
            store.ingest(Blobs.stream(Blobs.random(100, 100 + i)), Expected.NOTHING, Origin.LOCAL);
        }
        List<Digest> listed = listAll().stream().map(BlobInfo::digest).toList();
        assertThat(listed).hasSize(20).isSorted();
        assertThat(store.usedBytes()).isEqualTo(2000);
    }

    @Test
    void listenersHearCommitsAndRemovals() {
        List<String> events = new ArrayList<>();
        store.addListener(new StoreListener() {
            @Override
            public void committed(BlobInfo info) {
                events.add("committed " + info.size());
            }

            @Override
            public void removed(BlobInfo info) {
                events.add("removed " + info.size());
            }
        });
        byte[] content = Blobs.random(42, 17);
        Digest digest = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL).digest();
        store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL); // already there: no event
        store.remove(digest);
        assertThat(events).containsExactly("committed 42", "removed 42");
    }

    @Test
    void closedStoreRefusesWork() {
        store.close();
        assertThatThrownBy(() -> store.has(Blobs.sha256(new byte[0]))).isInstanceOf(StoreException.class);
        store = open(dir, clock);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, ChunkList.DEFAULT_CHUNK_BYTES, ChunkList.DEFAULT_CHUNK_BYTES + 1, 5 * ChunkList.DEFAULT_CHUNK_BYTES + 123})
    void chunkListHoldsTheSha256OfEachMebibyte(int size) {
        byte[] content = Blobs.random(size, size);
        Digest d = store.ingest(Blobs.stream(content), Expected.NOTHING, Origin.LOCAL).digest();

        ChunkList list = store.chunkList(d).orElseThrow();

        assertThat(list.blob()).isEqualTo(d);
        assertThat(list.size()).isEqualTo(size);
        assertThat(list.chunkBytes()).isEqualTo(ChunkList.DEFAULT_CHUNK_BYTES);
        assertThat(list.chunks()).isEqualTo(Blobs.chunkDigests(content, ChunkList.DEFAULT_CHUNK_BYTES));
    }

    @Test
    void chunkListOfAnAbsentOrRemovedBlobIsEmpty() {
        Digest d = store.ingest(Blobs.stream(Blobs.random(10, 3)), Expected.NOTHING, Origin.LOCAL).digest();
        assertThat(store.chunkList(Blobs.sha256(new byte[] {9}))).isEmpty();
        assertThat(store.remove(d)).isTrue();
        assertThat(store.chunkList(d)).isEmpty();
    }

    protected List<BlobInfo> listAll() {
        try (Stream<BlobInfo> s = store.list()) {
            return s.toList();
        }
    }

    protected byte[] readAll(Digest digest) throws IOException {
        try (BlobHandle h = store.open(digest).orElseThrow()) {
            assertThat(h.digest()).isEqualTo(digest);
            return read(h);
        }
    }

    private static byte[] read(BlobHandle h) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(h.size()));
        long pos = 0;
        while (buf.hasRemaining()) {
            int n = h.channel().read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        assertThat(h.channel().size()).isEqualTo(h.size());
        try (InputStream in = Files.newInputStream(h.path())) {
            assertThat(in.readAllBytes()).isEqualTo(buf.array());
        }
        return buf.array();
    }
}
