package io.intinode.transfer.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.TestBlobs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final int CHUNK = 1024;
    private static final int CHUNKS = 40;
    private final byte[] content = random(CHUNKS * CHUNK - 100, 1);
    private final Digest digest = Sha256.of(content);
    @TempDir Path dir;
    private FileBlobStore store;
    private final BanList bans = new BanList();

    @BeforeEach
    void open() {
        store = TestBlobs.openStore(dir.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private Downloader downloader() {
        return new Downloader(store, dir.resolve("partial"), DownloadConfig.DEFAULTS, bans, InstantSource.system());
    }

    private void download(ChunkSource... sources) {
        downloader().download(digest, content.length, List.of(sources), Origin.LAN_PEER, DownloadListener.NONE);
    }

    private void assertCommitted() {
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        // The data file was moved into the store, the chunk record deleted: nothing is left behind.
        assertThat(dir.resolve("partial")).isEmptyDirectory();
        assertThat(dir.resolve("store/tmp")).isEmptyDirectory();
    }

    @Test
    void besideAWebseedWritingThePartialAPeerDownloadNeitherWaitsNorTouchesIt() throws Exception {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The hedged webseed fetch, on a thread of its own, has the partial and wrote some bytes into it.
        Thread webseed = Thread.ofVirtual().start(() -> {
            try (SequentialPartial partial = area.tryOpenSequential(digest, content.length).orElseThrow()) {
                partial.write(content, 0, 100);
                held.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        Path kept = PartialBlob.dataFile(area.dir(), digest);
        byte[] before = Files.readAllBytes(kept);

        new Downloader(store, area, DownloadConfig.DEFAULTS, bans, InstantSource.system())
                .download(digest, content.length, List.of(FakeSource.honest("a", content, CHUNK)), Origin.LAN_PEER,
                        DownloadListener.NONE);

        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(Files.readAllBytes(kept)).as("the webseed's partial").isEqualTo(before);
        assertThat(area.dir().resolve("hedged")).isEmptyDirectory();
        release.countDown();
        assertThat(webseed.join(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void fetchesChunksFromEverySourceInParallelAndCommitsTheVerifiedBlob() {
        FakeSource a = FakeSource.honest("a", content, CHUNK);
        FakeSource b = FakeSource.honest("b", content, CHUNK);
        FakeSource c = FakeSource.honest("c", content, CHUNK);
        download(a, b, c);
        assertCommitted();
        assertThat(List.of(a, b, c)).allSatisfy(s -> assertThat(s.totalReads()).isPositive());
        // Each chunk once, plus at most one extra copy per request slot near the end.
        assertThat(a.totalReads() + b.totalReads() + c.totalReads())
                .isBetween(CHUNKS, CHUNKS + 3 * DownloadConfig.DEFAULTS.maxInFlightPerSource());
        assertThat(store.info(digest).orElseThrow().origin()).isEqualTo(Origin.LAN_PEER);
    }

    @Test
    void aSourceSendingABadChunkIsBannedWithItsReasonAndTheDownloadCompletes() {
        FakeSource liar = FakeSource.honest("liar", content, CHUNK).corrupting(c -> true);
        FakeSource honest = FakeSource.honest("honest", content, CHUNK);
        download(liar, honest);
        assertCommitted();
        assertThat(bans.reason("liar", InstantSource.system().instant()))
                .hasValueSatisfying(r -> assertThat(r).startsWith("bad chunk").contains("SHA-256 is"));
        assertThat(bans.banned("honest", InstantSource.system().instant())).isFalse();
    }

    @Test
    void aFalseChunkListIsCaughtByTheWholeBlobCheckAndTheDownloadStartsOverFromAnotherList() {
        FakeSource liar = FakeSource.lyingList("liar", content, random(content.length, 2), CHUNK);
        FakeSource honest = FakeSource.honest("honest", content, CHUNK);
        download(liar, honest);
        assertCommitted();
        assertThat(bans.reason("liar", InstantSource.system().instant()))
                .hasValueSatisfying(r -> assertThat(r).contains("chunk list does not describe the blob"));
        // The honest source looked bad only when judged by the false list; that ban was lifted.
        assertThat(bans.banned("honest", InstantSource.system().instant())).isFalse();
    }

    @Test
    void aChunkListForAnotherSizeIsRefused() {
        FakeSource liar = FakeSource.lyingList("liar", content, random(content.length + 1, 2), CHUNK);
        FakeSource honest = FakeSource.honest("honest", content, CHUNK);
        download(liar, honest);
        assertCommitted();
        assertThat(liar.totalReads()).isZero();
        assertThat(bans.banned("liar", InstantSource.system().instant())).isTrue();
    }

    @Test
    void aSourceThatHangsDoesNotHoldUpTheDownload() {
        FakeSource stuck = FakeSource.honest("stuck", content, CHUNK).blocking(c -> true);
        FakeSource honest = FakeSource.honest("honest", content, CHUNK);
        download(stuck, honest);
        assertCommitted();
        assertThat(honest.reads().keySet()).hasSize(CHUNKS);
        assertThat(stuck.totalReads()).isPositive();
    }

    @Test
    void failsWithEverySourcesReasonWhenNoneDelivers() {
        FakeSource absent = FakeSource.honest("absent", content, CHUNK).absent();
        FakeSource failing = FakeSource.honest("failing", content, CHUNK).failing();
        assertThatThrownBy(() -> download(absent, failing))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("absent: no chunk list (absent: not here)")
                .hasMessageContaining("failing: no chunk list (failing: connection reset)");
        assertThat(store.has(digest)).isFalse();
    }

    @Test
    void aSourceWhoseChunksAllFailEndsTheDownloadAndKeepsNothingUnverified() {
        FakeSource liar = FakeSource.honest("liar", content, CHUNK).corrupting(c -> c == 7);
        assertThatThrownBy(() -> download(liar))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("liar sent bad chunk 7");
        assertThat(store.has(digest)).isFalse();
    }

    @Test
    void aSourceWhoseChunksFailItsOwnChunkListStaysBannedForTheNextDownload() {
        FakeSource rotten = FakeSource.honest("rotten", content, CHUNK).corrupting(c -> true);
        assertThatThrownBy(() -> download(rotten)).isInstanceOf(DownloadException.class);
        assertThat(bans.banned("rotten", InstantSource.system().instant())).isTrue();
        int asked = rotten.totalReads();

        download(rotten, FakeSource.honest("honest", content, CHUNK));
        assertCommitted();
        assertThat(rotten.totalReads()).isEqualTo(asked);
    }

    @Test
    void anInterruptedDownloadResumesWithoutRefetchingVerifiedChunksButRefetchesOnesDamagedOnDisk()
            throws Exception {
        FakeSource first = FakeSource.honest("first", content, CHUNK).blocking(c -> c >= 10);
        CountDownLatch tenVerified = new CountDownLatch(10);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread downloading = Thread.ofVirtual().start(() -> {
            try {
                downloader().download(digest, content.length, List.of(first), Origin.LAN_PEER,
                        (source, bytes) -> tenVerified.countDown());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertThat(tenVerified.await(10, TimeUnit.SECONDS)).isTrue();
        downloading.interrupt();
        assertThat(downloading.join(Duration.ofSeconds(10))).isTrue();
        assertThat(outcome.get()).isInstanceOf(DownloadInterruptedException.class);
        assertThat(store.has(digest)).isFalse();

        // Damage chunk 3 on disk: resume must notice, not trust the record.
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("partial").resolve(digest.hex()).toFile(), "rw")) {
            f.seek(3L * CHUNK);
            f.write(~content[3 * CHUNK]);
        }
        FakeSource second = FakeSource.honest("second", content, CHUNK);
        download(second);
        assertCommitted();
        assertThat(second.reads().keySet())
                .containsExactlyElementsOf(IntStream.concat(IntStream.of(3), IntStream.range(10, CHUNKS)).boxed().toList());
        assertThat(second.reads().values()).containsOnly(1);
    }

    @Test
    void aPartialRecordFromAnotherChunkSizeIsIgnored() throws IOException {
        FakeSource coarse = FakeSource.honest("coarse", content, CHUNK * 2).blocking(c -> c >= 2);
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial);
        try (PartialBlob p = PartialBlob.open(partial, coarse.chunkList(digest))) {
            p.write(0, java.util.Arrays.copyOf(content, CHUNK * 2));
            p.markVerified(0);
        }
        FakeSource fine = FakeSource.honest("fine", content, CHUNK);
        download(fine);
        assertCommitted();
        assertThat(fine.totalReads()).isEqualTo(CHUNKS);
    }
}
