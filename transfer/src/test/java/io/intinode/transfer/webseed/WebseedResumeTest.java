package io.intinode.transfer.webseed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.TestBlobs;
import io.intinode.transfer.download.PartialArea;
import io.intinode.transfer.download.SequentialPartial;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webseed fetch cut short (the fetcher closed mid-body, as when the node stops or dies) keeps its bytes in the
 * partial area, and a later fetcher over the same area continues from them: only what is missing is served again,
 * unless the server cannot or must not continue, or the kept bytes turn out wrong.
 */
class WebseedResumeTest {
    private static final WebseedConfig CONFIG = new WebseedConfig(
            Duration.ofSeconds(10), Duration.ofSeconds(60), 3, 20, Duration.ofMillis(5), Duration.ofMillis(20));
    private static final int CHUNK = ChunkList.DEFAULT_CHUNK_BYTES;
    /** What the cut fetch keeps: the whole chunks it received (100 bytes more arrive, not a whole chunk). */
    private static final int KEPT = 2 * CHUNK;
    private static final String ETAG = "\"v1\"";

    private final byte[] content = new byte[3 * CHUNK + 1234];
    private Digest digest;
    private final FaultServer server = new FaultServer();
    private final AtomicReference<FaultServer.Behaviour> behaviour = new AtomicReference<>();
    /** Body bytes the server sent, and the If-Range headers it was sent, since the cut. */
    private final AtomicLong served = new AtomicLong();
    private final List<String> ifRanges = new CopyOnWriteArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    @TempDir Path dir;
    private FileBlobStore store;

    WebseedResumeTest() throws IOException {}

    @BeforeEach
    void setUp() {
        new Random(9).nextBytes(content);
        digest = TestBlobs.sha256(content);
        store = TestBlobs.openStore(dir.resolve("store"));
        server.on("/blob", (ex, n) -> {
            String ifRange = ex.getRequestHeaders().getFirst("If-Range");
            ifRanges.add(ifRange == null ? "-" : ifRange);
            behaviour.get().handle(ex, n);
        });
    }

    @AfterEach
    void tearDown() {
        server.close();
        store.close();
    }

    @Test
    void continuesWithRangeFromTheBytesKeptAndServesNoKeptByteAgain() throws Exception {
        cutAfterTwoChunks();
        behaviour.set((ex, n) -> serve(ex, content, ETAG, true));

        fetchAfterRestart();

        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/blob")).containsExactly("-", "bytes=" + KEPT + "-");
        assertThat(ifRanges).last().isEqualTo(ETAG);
        assertThat(served.get()).isEqualTo(content.length - KEPT);
        assertThat(dir.resolve("partial")).isEmptyDirectory();
    }

    @Test
    void aServerIgnoringRangeIsReadFromTheStart() throws Exception {
        cutAfterTwoChunks();
        behaviour.set((ex, n) -> serve(ex, content, ETAG, false));

        fetchAfterRestart();

        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/blob")).containsExactly("-", "bytes=" + KEPT + "-");
        assertThat(served.get()).isEqualTo(content.length);
    }

    @Test
    void aChangedValidatorMakesTheServerSendAllAndTheFetchStartOver() throws Exception {
        cutAfterTwoChunks();
        behaviour.set((ex, n) -> serve(ex, content, "\"v2\"", true)); // If-Range "v1" no longer matches: a 200

        fetchAfterRestart();

        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(ifRanges).last().isEqualTo(ETAG);
        assertThat(served.get()).isEqualTo(content.length);
    }

    @Test
    void aRangeOfChangedContentIsNotAppendedToTheKeptBytes() throws Exception {
        cutAfterTwoChunks();
        // A server that ignores If-Range: a 206 under another validator. The fetch starts over from byte 0.
        behaviour.set((ex, n) -> serve(ex, content, "\"v2\"", true, false));

        fetchAfterRestart();

        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        // The range's body is dropped at its headers; then the whole content from the start.
        assertThat(server.requestsTo("/blob")).containsExactly("-", "bytes=" + KEPT + "-", "-");
    }

    @Test
    void aCorruptedPartialFailsTheWholeBlobCheckAndIsFetchedAgainFromTheStart() throws Exception {
        cutAfterTwoChunks();
        flipKeptByte(1000);
        behaviour.set((ex, n) -> serve(ex, content, ETAG, true));

        fetchAfterRestart();

        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/blob")).containsExactly("-", "bytes=" + KEPT + "-", "-");
        assertThat(listener.failures).singleElement().asString().contains("fetching it again from the start");
        assertThat(dir.resolve("partial")).isEmptyDirectory();
    }

    @Test
    void wrongContentAfterTheRefetchFailsTheUrlOnceAndKeepsNothing() throws Exception {
        cutAfterTwoChunks();
        byte[] rotten = content.clone();
        rotten[KEPT + 5] ^= 1;
        rotten[5] ^= 1;
        behaviour.set((ex, n) -> serve(ex, rotten, ETAG, true));

        assertThatThrownBy(this::fetchAfterRestart).isInstanceOf(WebseedException.class)
                .hasMessageContaining("served wrong content");

        assertThat(server.requestsTo("/blob")).containsExactly("-", "bytes=" + KEPT + "-", "-");
        assertThat(store.has(digest)).isFalse();
        assertThat(dir.resolve("partial")).isEmptyDirectory();
    }

    @Test
    void aResumedResponseOfAnotherLengthFailsAndTheKeptBytesStay() throws Exception {
        cutAfterTwoChunks();
        byte[] longer = Arrays.copyOf(content, content.length + 10);
        behaviour.set((ex, n) -> serve(ex, longer, ETAG, true));

        assertThatThrownBy(this::fetchAfterRestart)
                .hasMessageContaining("serves " + longer.length + " bytes (Content-Range total)");
        assertThat(server.requestsTo("/blob")).hasSize(2);

        behaviour.set((ex, n) -> serve(ex, content, ETAG, true));
        fetchAfterRestart();
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/blob")).last().isEqualTo("bytes=" + KEPT + "-");
    }

    @Test
    void aResumedBodyRunningPastTheSizeFails() throws Exception {
        cutAfterTwoChunks();
        behaviour.set((ex, n) -> {
            ex.getResponseHeaders().add("ETag", ETAG);
            ex.getResponseHeaders().add("Content-Range",
                    "bytes " + KEPT + "-" + (content.length - 1) + "/" + content.length);
            ex.sendResponseHeaders(206, 0); // chunked, so that the extra bytes go out
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content, KEPT, content.length - KEPT);
                out.write(new byte[10]);
            }
        });

        assertThatThrownBy(this::fetchAfterRestart).hasMessageContaining("sent more than the " + content.length);
        assertThat(store.has(digest)).isFalse();
    }

    @Test
    void aResumedBodyCutShortIsResumedAgainFromWhereItStopped() throws Exception {
        cutAfterTwoChunks();
        int more = 300_000;
        behaviour.set((ex, n) -> {
            if (n == 2) { // the first request after the restart: part of the range, then the connection drops
                ex.getResponseHeaders().add("ETag", ETAG);
                ex.getResponseHeaders().add("Content-Range",
                        "bytes " + KEPT + "-" + (content.length - 1) + "/" + content.length);
                ex.sendResponseHeaders(206, content.length - KEPT);
                OutputStream out = ex.getResponseBody();
                out.write(content, KEPT, more);
                out.flush();
                served.addAndGet(more);
                throw new IOException("connection dropped on purpose");
            }
            serve(ex, content, ETAG, true);
        });

        fetchAfterRestart();

        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/blob"))
                .containsExactly("-", "bytes=" + KEPT + "-", "bytes=" + (KEPT + more) + "-");
        assertThat(served.get()).isEqualTo(content.length - KEPT);
    }

    @Test
    void whileAHedgedPeerDownloadWritesThePartialTheFetchStreamsIntoTheStoreAndLeavesItAlone() throws Exception {
        cutAfterTwoChunks();
        Path kept = dir.resolve("partial").resolve(digest.hex());
        byte[] before = Files.readAllBytes(kept);
        behaviour.set((ex, n) -> serve(ex, content, ETAG, true));
        PartialArea area = area();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = Thread.ofVirtual().start(() -> { // another writer's turn, as a peer download's would be
            try (SequentialPartial partial = area.tryOpenSequential(digest, content.length).orElseThrow()) {
                held.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        try (WebseedFetcher beside = new WebseedFetcher(store, CONFIG, InstantSource.system(), area)) {
            beside.fetch(digest, content.length, List.of(server.url("/blob")), listener);
        } finally {
            release.countDown();
        }
        assertThat(other.join(Duration.ofSeconds(10))).isTrue();

        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/blob")).containsExactly("-", "-");
        assertThat(Files.readAllBytes(kept)).isEqualTo(before);
    }

    @Test
    void anEmptyBlobIsAskedForAndNothingIsKept() {
        Digest empty = TestBlobs.sha256(new byte[0]);
        behaviour.set((ex, n) -> FaultServer.send(ex, 200, new byte[0]));
        try (WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system(), area())) {
            fetcher.fetch(empty, 0, List.of(server.url("/blob")), listener);
        }
        assertThat(TestBlobs.bytes(store, empty)).hasValue(new byte[0]);
        assertThat(server.requestsTo("/blob")).hasSize(1);
        assertThat(dir.resolve("partial")).doesNotExist();
    }

    /**
     * A first fetcher receives two chunks and 100 bytes, then is closed mid-body (the server stalls): the fetch fails
     * as stopped, and the two chunks stay in the partial area.
     */
    private void cutAfterTwoChunks() throws Exception {
        behaviour.set((ex, n) -> {
            ex.getResponseHeaders().add("ETag", ETAG);
            ex.sendResponseHeaders(200, content.length);
            OutputStream out = ex.getResponseBody();
            out.write(content, 0, KEPT + 100);
            out.flush();
            server.stall();
        });
        WebseedFetcher first = new WebseedFetcher(store, CONFIG, InstantSource.system(), area());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> fetch = pool.submit(() -> first.fetch(digest, content.length, List.of(server.url("/blob")),
                    listener));
            awaitTrue(() -> listener.bytes.get() >= KEPT + 100);
            first.close();
            assertThatThrownBy(() -> fetch.get(10, TimeUnit.SECONDS)).cause()
                    .hasMessageContaining(WebseedFetcher.STOPPED);
        }
        listener.failures.clear();
        served.set(0);
    }

    /** As a restarted node would: a new fetcher over the same partial area. */
    private void fetchAfterRestart() {
        try (WebseedFetcher again = new WebseedFetcher(store, CONFIG, InstantSource.system(), area())) {
            again.fetch(digest, content.length, List.of(server.url("/blob")), listener);
        }
    }

    private PartialArea area() {
        return new PartialArea(dir.resolve("partial"));
    }

    private void flipKeptByte(long at) throws IOException {
        Path data = dir.resolve("partial").resolve(digest.hex());
        try (FileChannel f = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            f.read(one, at);
            f.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), at);
        }
    }

    private void serve(HttpExchange ex, byte[] body, String etag, boolean ranges) throws IOException {
        serve(ex, body, etag, ranges, true);
    }

    /**
     * Honours "Range: bytes=N-" (when {@code ranges}) unless an If-Range names another validator (when
     * {@code ifRange}); counts the bytes sent.
     */
    private void serve(HttpExchange ex, byte[] body, String etag, boolean ranges, boolean ifRange) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        String validator = ex.getRequestHeaders().getFirst("If-Range");
        int from = 0;
        if (ranges && range != null && (!ifRange || validator == null || validator.equals(etag))) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        }
        ex.getResponseHeaders().add("ETag", etag);
        if (from > 0) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body, from, body.length - from);
        }
        served.addAndGet(body.length - from);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5); // polling interval of a bounded wait on a condition
        }
    }
}
