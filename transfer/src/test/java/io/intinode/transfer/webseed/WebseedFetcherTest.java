package io.intinode.transfer.webseed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.Digest;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.TestBlobs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebseedFetcherTest {
    /** Generous timeouts, so that a slow, loaded machine never causes a retry the test did not ask for. */
    private static final WebseedConfig CONFIG = new WebseedConfig(
            Duration.ofSeconds(10), Duration.ofSeconds(60), 3, 20, Duration.ofMillis(5), Duration.ofMillis(20));
    /** For the tests of stalls: a short request timeout. */
    private static final WebseedConfig IMPATIENT = new WebseedConfig(
            Duration.ofMillis(500), Duration.ofSeconds(60), 3, 20, Duration.ofMillis(5), Duration.ofMillis(20));

    private final byte[] content = new byte[300_000];
    private Digest digest;
    private FaultServer server;
    @TempDir Path storeDir;
    private FileBlobStore store;
    private WebseedFetcher fetcher;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void setUp() throws IOException {
        new Random(42).nextBytes(content);
        digest = TestBlobs.sha256(content);
        server = new FaultServer();
        store = TestBlobs.openStore(storeDir);
        fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system());
    }

    @AfterEach
    void tearDown() {
        fetcher.close();
        server.close();
        store.close();
    }

    @Test
    void fetchesAndCachesVerifiedContent() {
        server.on("/ok", (ex, n) -> FaultServer.send(ex, 200, content));
        fetch(server.url("/ok"));
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(listener.bytes.get()).isEqualTo(content.length);
    }

    @Test
    void resumesWithRangeAfterTheConnectionBreaksMidBody() {
        server.on("/cut", (ex, n) -> {
            if (n == 1) {
                FaultServer.sendPrefixAndBreak(ex, content, 100_000);
            }
            FaultServer.serveWithRange(ex, content);
        });
        fetch(server.url("/cut"));
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/cut")).hasSize(2).first().isEqualTo("-");
        assertThat(server.requestsTo("/cut").get(1)).matches("bytes=\\d+-").isNotEqualTo("bytes=0-");
    }

    @Test
    void resumesEvenIfTheServerIgnoresRange() {
        server.on("/norange", (ex, n) -> {
            if (n == 1) {
                FaultServer.sendPrefixAndBreak(ex, content, 50_000);
            }
            FaultServer.send(ex, 200, content);
        });
        fetch(server.url("/norange"));
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
    }

    @Test
    void wrongBytesLeaveNothingInTheCacheAndTheNextUrlIsTried() {
        byte[] wrong = content.clone();
        wrong[1234] ^= 1;
        server.on("/wrong", (ex, n) -> FaultServer.send(ex, 200, wrong));
        server.on("/ok", (ex, n) -> FaultServer.send(ex, 200, content));

        assertThatThrownBy(() -> fetch(server.url("/wrong")))
                .isInstanceOf(WebseedException.class)
                .hasMessageContaining("/wrong: served wrong content")
                .hasMessageContaining(digest.toString());
        assertThat(store.has(digest)).isFalse();
        assertThat(store.usedBytes()).isZero();
        listener.failures.clear();

        fetch(server.url("/wrong"), server.url("/ok"));
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(listener.failures).singleElement().asString().contains("/wrong");
    }

    @Test
    void tooManyBytesAnnouncedIsRejectedWithoutRetrying() {
        byte[] longer = java.util.Arrays.copyOf(content, content.length + 10);
        server.on("/long", (ex, n) -> FaultServer.send(ex, 200, longer));
        assertThatThrownBy(() -> fetch(server.url("/long")))
                .hasMessageContaining("serves 300010 bytes (Content-Length), the stub says 300000");
        assertThat(server.requestsTo("/long")).hasSize(1);
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void tooManyBytesStreamedIsRejected() {
        byte[] longer = java.util.Arrays.copyOf(content, content.length + 10);
        server.on("/chunked", (ex, n) -> {
            ex.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream out = ex.getResponseBody()) {
                out.write(longer);
            }
        });
        assertThatThrownBy(() -> fetch(server.url("/chunked"))).hasMessageContaining("sent more than the 300000 bytes");
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void tooFewBytesAreRejected() {
        byte[] shorter = java.util.Arrays.copyOf(content, content.length - 1);
        server.on("/short", (ex, n) -> FaultServer.send(ex, 200, shorter));
        assertThatThrownBy(() -> fetch(server.url("/short")))
                .hasMessageContaining("serves 299999 bytes (Content-Length), the stub says 300000");
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void tooFewBytesStreamedAreRetriedBoundedThenRejected() {
        byte[] shorter = java.util.Arrays.copyOf(content, content.length - 1);
        server.on("/shortchunked", (ex, n) -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(shorter);
            }
        });
        assertThatThrownBy(() -> fetch(server.url("/shortchunked")))
                .hasMessageContaining("connection closed after 299999 of 300000 bytes")
                .hasMessageContaining("gave up after 3 failed attempts in a row");
        assertThat(server.requestsTo("/shortchunked")).hasSize(3);
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void aStallMidBodyTimesOutAndResumes() {
        server.on("/stall", (ex, n) -> {
            if (n == 1) {
                ex.sendResponseHeaders(200, content.length);
                OutputStream out = ex.getResponseBody();
                out.write(content, 0, 10_000);
                out.flush();
                server.stall();
                return;
            }
            FaultServer.serveWithRange(ex, content);
        });
        try (WebseedFetcher impatient = new WebseedFetcher(store, IMPATIENT, InstantSource.system())) {
            impatient.fetch(digest, content.length, List.of(server.url("/stall")), listener);
        }
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/stall")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(server.requestsTo("/stall").get(1)).startsWith("bytes=");
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheBounds() {
        server.on("/silent", (ex, n) -> server.stall());
        try (WebseedFetcher impatient = new WebseedFetcher(store, IMPATIENT, InstantSource.system())) {
            assertThatThrownBy(() -> impatient.fetch(digest, content.length, List.of(server.url("/silent")), listener))
                    .hasMessageContaining("timed out")
                    .hasMessageContaining("gave up after 3 failed attempts in a row");
        }
    }

    @Test
    void notFoundMovesToTheNextUrlAtOnce() {
        server.on("/missing", (ex, n) -> FaultServer.send(ex, 404, new byte[0]));
        server.on("/ok", (ex, n) -> FaultServer.send(ex, 200, content));
        fetch(server.url("/missing"), server.url("/ok"));
        assertThat(server.requestsTo("/missing")).hasSize(1);
        assertThat(listener.failures).containsExactly(server.url("/missing") + ": HTTP 404");
        assertThat(store.has(digest)).isTrue();
    }

    @Test
    void serverErrorsAreRetried() {
        server.on("/flaky", (ex, n) -> {
            if (n < 3) {
                FaultServer.send(ex, 500, new byte[0]);
            }
            FaultServer.send(ex, 200, content);
        });
        fetch(server.url("/flaky"));
        assertThat(server.requestsTo("/flaky")).hasSize(3);
        assertThat(store.has(digest)).isTrue();
    }

    @Test
    void persistentServerErrorsFailWithEveryUrlNamed() {
        server.on("/down", (ex, n) -> FaultServer.send(ex, 503, new byte[0]));
        assertThatThrownBy(() -> fetch(server.url("/down"), "oci://registry/repo@" + digest))
                .isInstanceOf(WebseedException.class)
                .hasMessageContaining(server.url("/down") + ": HTTP 503; gave up after 3 failed attempts in a row")
                .hasMessageContaining("oci://registry/repo@" + digest
                        + ": skipped, scheme 'oci' is not supported (only http and https)");
        assertThat(server.requestsTo("/down")).hasSize(3);
    }

    @Test
    void followsRedirects() {
        server.on("/moved", (ex, n) -> {
            ex.getResponseHeaders().add("Location", "/ok");
            FaultServer.send(ex, 302, new byte[0]);
        });
        server.on("/ok", (ex, n) -> FaultServer.send(ex, 200, content));
        fetch(server.url("/moved"));
        assertThat(store.has(digest)).isTrue();
    }

    @Test
    void aRedirectLoopEndsWithAClearError() {
        server.on("/loop", (ex, n) -> {
            ex.getResponseHeaders().add("Location", "/loop");
            FaultServer.send(ex, 302, new byte[0]);
        });
        assertThatThrownBy(() -> fetch(server.url("/loop"))).isInstanceOf(WebseedException.class);
        assertThat(server.requestsTo("/loop").size()).isBetween(2, 10);
    }

    @Test
    void unsupportedSchemesAreSkippedWithAReason() {
        server.on("/ok", (ex, n) -> FaultServer.send(ex, 200, content));
        fetch("oci://registry/repo@" + digest, "ftp://127.0.0.1/x", server.url("/ok"));
        assertThat(store.has(digest)).isTrue();
        assertThat(listener.failures).containsExactly(
                "oci://registry/repo@" + digest + ": skipped, scheme 'oci' is not supported (only http and https)",
                "ftp://127.0.0.1/x: skipped, scheme 'ftp' is not supported (only http and https)");
        assertThat(WebseedFetcher.supports("oci://r/x")).isFalse();
        assertThat(WebseedFetcher.supports("https://h/x")).isTrue();
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> fetch("http://127.0.0.1:" + port + "/x"))
                .hasMessageContaining("cannot connect");
    }

    @Test
    void theTotalDeadlineBoundsAFetch() {
        WebseedConfig tight = IMPATIENT.withDeadline(Duration.ofMillis(300));
        server.on("/silent", (ex, n) -> server.stall());
        try (WebseedFetcher quick = new WebseedFetcher(store, tight, InstantSource.system())) {
            assertThatThrownBy(() -> quick.fetch(digest, content.length, List.of(server.url("/silent")), listener))
                    .hasMessageContaining("deadline");
        }
        assertThat(server.requestsTo("/silent")).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void fetchesWithoutKnowingTheSizeAndStillResumes() {
        server.on("/nosize", (ex, n) -> {
            if (n == 1) {
                FaultServer.sendPrefixAndBreak(ex, content, 70_000);
            }
            FaultServer.serveWithRange(ex, content);
        });
        fetcher.fetch(digest, -1, List.of(server.url("/nosize")), listener);
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/nosize")).hasSize(2);
    }

    @Test
    void fetchesAChunkedBodyOfUnknownSize() {
        server.on("/chunked", (ex, n) -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content);
            }
        });
        fetcher.fetch(digest, -1, List.of(server.url("/chunked")), listener);
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
    }

    @Test
    void noUrlsIsAClearError() {
        assertThatThrownBy(() -> fetch()).hasMessage("no webseed URL for " + digest);
    }

    @Test
    void anEmptyBlobIsFetched() {
        Digest empty = TestBlobs.sha256(new byte[0]);
        server.on("/empty", (ex, n) -> FaultServer.send(ex, 200, new byte[0]));
        fetcher.fetch(empty, 0, List.of(server.url("/empty")), listener);
        assertThat(TestBlobs.bytes(store, empty)).hasValue(new byte[0]);
    }

    @Test
    void closingTheFetcherEndsFetchesStalledBeforeAndAfterTheHeadersAtOnce() throws Exception {
        server.on("/silent", (ex, n) -> server.stall());
        server.on("/midbody", (ex, n) -> {
            ex.sendResponseHeaders(200, content.length);
            OutputStream out = ex.getResponseBody();
            out.write(content, 0, 10_000);
            out.flush();
            server.stall();
        });
        Digest other = TestBlobs.sha256(new byte[] {1});
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> silent = pool.submit(() -> fetcher.fetch(other, 1, List.of(server.url("/silent")), listener));
            Future<?> midBody = pool.submit(() -> fetch(server.url("/midbody")));
            awaitTrue(() -> server.requestsTo("/silent").size() == 1 && listener.bytes.get() > 0);
            long start = System.nanoTime();
            fetcher.close(); // CONFIG waits 10 s for bytes: only the close can end these fetches sooner
            for (Future<?> f : List.of(silent, midBody)) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(WebseedException.class)
                        .hasMessageContaining(WebseedFetcher.STOPPED);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(server.requestsTo("/silent")).hasSize(1);
        assertThat(server.requestsTo("/midbody")).hasSize(1);
        assertThat(store.has(digest)).isFalse();
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void anInterruptedFetchStopsAtOnceAndTriesNoOtherUrl() throws Exception {
        server.on("/silent", (ex, n) -> server.stall());
        server.on("/ok", (ex, n) -> FaultServer.send(ex, 200, content));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread fetching = Thread.ofVirtual().start(() -> {
            try {
                fetch(server.url("/silent"), server.url("/ok"));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        awaitTrue(() -> server.requestsTo("/silent").size() == 1);
        fetching.interrupt();
        assertThat(fetching.join(Duration.ofSeconds(5))).isTrue();
        assertThat(failure.get()).isInstanceOf(WebseedException.class).hasMessageContaining("interrupted");
        assertThat(server.requestsTo("/silent")).hasSize(1);
        assertThat(server.requestsTo("/ok")).isEmpty();
        assertThat(store.has(digest)).isFalse();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5); // polling interval of a bounded wait on a condition
        }
    }

    private void fetch(String... urls) {
        fetcher.fetch(digest, content.length, List.of(urls), listener);
    }
}
