package io.intinode.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The API on a real Unix socket (and loopback TCP), asked with curl and with {@link ApiClient}. */
@Timeout(60)
class ApiServerIT {
    @TempDir
    Path dir;

    private FileBlobStore store;
    private ApiServer server;
    private byte[] content;
    private Digest digest;

    @BeforeEach
    void start() throws Exception {
        store = FileBlobStore.open(dir.resolve("data"), StoreConfig.withQuota(1 << 30));
        content = new byte[300_000];
        new Random(7).nextBytes(content);
        digest = Digest.of(MessageDigest.getInstance("SHA-256").digest(content));
        store.ingest(new ByteArrayInputStream(content), BlobStore.Expected.NOTHING, Origin.LOCAL);
        server = ApiServer.start(dir.resolve("data"), new CacheOnlyApi(store),
                Optional.of(new ApiServer.TcpListen(new InetSocketAddress("127.0.0.1", 0), "s3cret")));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void socketIsOwnerAndGroupOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket()))).isEqualTo("rw-rw----");
    }

    @Test
    void streamsAWholeBlobAndRanges() throws Exception {
        Curl whole = curl("/v1/blobs/" + digest);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);

        Curl part = curl("/v1/blobs/" + digest, "-H", "Range: bytes=1000-1999");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.headers()).containsIgnoringCase("content-range: bytes 1000-1999/300000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));

        Curl tail = curl("/v1/blobs/" + digest, "-H", "Range: bytes=-10");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));

        Curl past = curl("/v1/blobs/" + digest, "-H", "Range: bytes=300000-");
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.headers()).containsIgnoringCase("content-range: bytes */300000");
    }

    @Test
    void headGivesTheSizeWithoutTheBody() throws Exception {
        Curl head = curl("/v1/blobs/" + digest, "-I");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers()).containsIgnoringCase("content-length: 300000")
                .containsIgnoringCase("accept-ranges: bytes");
    }

    @Test
    void missingBlobBadDigestAndUnknownPathsAreJsonErrors() throws Exception {
        Curl missing = curl("/v1/blobs/sha256:" + "0".repeat(64));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("\"error\":\"blob not found: sha256:" + "0".repeat(64));

        Curl bad = curl("/v1/blobs/sha256:xyz");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("bad digest");

        assertThat(curl("/v2/nothing").status()).isEqualTo(404);
        assertThat(curl("/v1/status", "-X", "DELETE").status()).isEqualTo(405);
        assertThat(curl("/v1/providers/" + digest + "?max=0").text()).contains("max must be a whole number");
        for (String size : List.of("size=-1", "size=x", "size=", "size=1&size=2", "size=99999999999999999999",
                "size=9999999999999999999")) {
            Curl badSize = curl("/v1/blobs/" + digest + "?" + size);
            assertThat(badSize.status()).as(size).isEqualTo(400);
            assertThat(badSize.text()).as(size).contains("size must be a number of bytes, once");
        }
        assertThat(curl("/v1/blobs/" + digest + "?size=300000").status()).isEqualTo(200);
    }

    @Test
    void cacheEndpointsListPinEvictAndVerify() throws Exception {
        assertThat(curl("/v1/cache").text()).contains("\"digest\":\"" + digest + "\",\"size\":300000")
                .contains("\"pinned\":false").contains("\"quotaBytes\":1073741824");
        assertThat(curl("/v1/cache/pin/" + digest, "-X", "POST").text())
                .contains("\"pinned\":true");
        Curl kept = curl("/v1/cache/gc?quota=0", "-X", "POST");
        assertThat(kept.text()).isEqualTo("{\"removed\":0,\"freedBytes\":0,\"usedBytes\":300000,\"quotaBytes\":0}\n");
        assertThat(curl("/v1/cache/verify", "-X", "POST").text()).isEqualTo("{\"checked\":1,\"bytes\":300000,\"damaged\":[]}\n");
        List<String> progress = curl("/v1/cache/verify?progress=true", "-X", "POST").text().lines().toList();
        assertThat(progress.getFirst()).isEqualTo("{\"progress\":{\"hashedBytes\":0,\"totalBytes\":300000}}");
        assertThat(progress.get(progress.size() - 2))
                .isEqualTo("{\"progress\":{\"hashedBytes\":300000,\"totalBytes\":300000}}");
        assertThat(progress.getLast()).isEqualTo("{\"result\":{\"checked\":1,\"bytes\":300000,\"damaged\":[]}}");
        assertThat(curl("/v1/cache/verify?progress=maybe", "-X", "POST").status()).isEqualTo(400);
        curl("/v1/cache/unpin/" + digest, "-X", "POST");
        assertThat(curl("/v1/cache/gc?quota=0", "-X", "POST").text()).startsWith("{\"removed\":1,\"freedBytes\":300000,");
        assertThat(store.has(digest)).isFalse();

        assertThat(curl("/v1/cache/pin/" + digest, "-X", "POST").status()).isEqualTo(404);
        assertThat(curl("/v1/cache/pin/sha256:nope", "-X", "POST").status()).isEqualTo(400);
        assertThat(curl("/v1/cache/gc?quota=-1", "-X", "POST").text()).contains("quota must be a whole number");
        assertThat(curl("/v1/cache/gc").status()).isEqualTo(405);
        assertThat(curl("/v1/cache", "-X", "POST").status()).isEqualTo(405);
        assertThat(curl("/v1/cache/defrag", "-X", "POST").status()).isEqualTo(404);
    }

    @Test
    void malformedTruncatedAndOversizedRequestsAreRefused() throws Exception {
        assertThat(raw("GARBAGE\r\n\r\n", false)).startsWith("HTTP/1.1 400 ").contains("malformed HTTP request");
        assertThat(raw("GET /v1/status HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", false))
                .startsWith("HTTP/1.1 4");
        assertThat(raw("POST /v1/share/on HTTP/1.1\r\nContent-Length: 100000\r\n\r\n", false)).startsWith("HTTP/1.1 413 ");
        assertThat(raw("GET /v1/sta", true)).isEmpty(); // truncated, then the client gave up: nothing to answer
    }

    /**
     * Writes {@code request} over the Unix socket (then half-closes if asked) and reads until the node closes,
     * at most 10 s ({@code "(still open)"} then).
     */
    private String raw(String request, boolean halfClose) throws Exception {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(server.socket()))) {
            ch.write(java.nio.ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            if (halfClose) {
                ch.shutdownOutput();
            }
            var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(),
                            StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(" + e.getMessage() + ")";
                }
            });
            try {
                return read.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return "(still open)";
            }
        }
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        Curl m = curl("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.headers()).containsIgnoringCase("content-type: text/plain; version=0.0.4");
        assertThat(m.text()).contains("# TYPE test_metric gauge\ntest_metric 1\n");
    }

    @Test
    void tcpNeedsTheBearerToken() throws Exception {
        InetSocketAddress tcp = server.tcpAddress().orElseThrow();
        String url = "http://127.0.0.1:" + tcp.getPort() + "/v1/status";
        assertThat(run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", url)).text()).isEqualTo("401");
        assertThat(run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                "Authorization: Bearer wrong", url)).text()).isEqualTo("401");
        assertThat(run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                "Authorization: Bearer s3cret", url)).text()).isEqualTo("200");
    }

    @Test
    void theJavaClientReadsJson() throws Exception {
        ApiClient.Response r = ApiClient.call(dir.resolve("data"), HttpMethod.GET, "/v1/status", Duration.ofSeconds(10));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"peerId\":\"12D3test\"").contains("\"cacheBytes\":300000");
        assertThat(ApiClient.call(dir.resolve("data"), HttpMethod.GET, "/v1/peers/x", Duration.ofSeconds(10)).status())
                .isEqualTo(404);
    }

    @Test
    void theJavaClientStreamsABlobAndARange() throws Exception {
        try (ApiClient client = ApiClient.open(dir.resolve("data"))) {
            try (ApiClient.Answer a = client.send(HttpMethod.GET, "/v1/blobs/" + digest, java.util.Map.of(),
                    Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(10))) {
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.body().readAllBytes()).isEqualTo(content);
            }
            try (ApiClient.Answer a = client.send(HttpMethod.GET, "/v1/blobs/" + digest,
                    java.util.Map.of("Range", "bytes=299990-"), Optional.empty(), Duration.ofSeconds(10),
                    Duration.ofSeconds(10))) {
                assertThat(a.status()).isEqualTo(206);
                assertThat(a.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 299_990, 300_000));
            }
        }
    }

    @Test
    void aStreamedUploadLargerThanTheBufferIsStoredVerified() throws Exception {
        byte[] big = new byte[5 * BodyStream.HIGH_WATER + 12_345]; // backpressure must engage several times
        new Random(8).nextBytes(big);
        Digest bigDigest = Digest.of(MessageDigest.getInstance("SHA-256").digest(big));
        try (ApiClient client = ApiClient.open(dir.resolve("data"));
                ApiClient.Answer a = client.send(HttpMethod.POST, "/v1/blobs?digest=" + bigDigest, java.util.Map.of(),
                        Optional.of(new ApiClient.Upload(new ByteArrayInputStream(big), big.length)),
                        Duration.ofSeconds(20), Duration.ofSeconds(20))) {
            assertThat(a.status()).isEqualTo(201);
            assertThat(new String(a.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"digest\":\"" + bigDigest + "\",\"size\":" + big.length + "}\n");
        }
        try (BlobHandle h = store.open(bigDigest).orElseThrow()) {
            assertThat(Files.readAllBytes(h.path())).isEqualTo(big);
        }
    }

    @Test
    void curlCanUploadAndAWrongDigestOrTruncatedBodyStoresNothing() throws Exception {
        Path file = dir.resolve("upload");
        byte[] bytes = new byte[70_000];
        new Random(9).nextBytes(bytes);
        Files.write(file, bytes);
        Digest right = Digest.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        String wrong = "sha256:" + "1".repeat(64);

        Curl refused = curl("/v1/blobs?digest=" + wrong, "--data-binary", "@" + file);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("mismatch");
        assertThat(store.has(right)).isFalse();

        assertThat(curl("/v1/blobs?digest=nope", "--data-binary", "@" + file).status()).isEqualTo(400);
        assertThat(raw("POST /v1/blobs HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly-a-few", true)).isEmpty();
        try (var blobs = store.list()) {
            assertThat(blobs.count()).isEqualTo(1); // only the blob of start(): nothing of the truncated upload
        }

        Curl added = curl("/v1/blobs", "--data-binary", "@" + file);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.text()).contains(right.toString());
        assertThat(store.has(right)).isTrue();
    }

    @Test
    void closingTheServerEndsARequestInFlightAtOnceAndInterruptsItsCall() throws Exception {
        server.close(); // this test's server has a node whose blob call blocks until interrupted
        CountDownLatch called = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        server = ApiServer.start(dir.resolve("data"), new CacheOnlyApi(store) {
            @Override
            public Optional<BlobHandle> blob(Digest d, long size, List<String> urls, boolean shareable) {
                called.countDown();
                try {
                    new CountDownLatch(1).await(60, TimeUnit.SECONDS); // a fetch that never ends
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    Thread.currentThread().interrupt();
                }
                throw new ApiException(503, "interrupted");
            }
        }, Optional.empty());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
                ApiClient client = ApiClient.open(dir.resolve("data"))) {
            CompletableFuture<ApiClient.Answer> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.send(HttpMethod.HEAD, "/v1/blobs/" + digest, Map.of(), Optional.empty(),
                            Duration.ofSeconds(60), Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            assertThat(called.await(20, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            server.close();
            assertThat(interrupted.await(0, TimeUnit.SECONDS)).as("the call was interrupted before close returned")
                    .isTrue();
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(ApiClient.CallFailedException.class)
                    .hasMessageContaining("closed the API connection");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void touchCountsReadsMadeElsewhereForEvictionOrder() throws Exception {
        long before = store.info(digest).orElseThrow().accessCount();
        Digest absent = Digest.of(new byte[32]);
        try (ApiClient client = ApiClient.open(dir.resolve("data"))) {
            assertThat(client.touch(List.of(digest, absent), Duration.ofSeconds(10))).isEqualTo(1);
        }
        assertThat(store.info(digest).orElseThrow().accessCount()).isEqualTo(before + 1);

        Curl bad = curl("/v1/cache/touch", "--data-binary", "{\"digests\": [\"sha256:nope\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("bad digest");
        assertThat(curl("/v1/cache/touch", "--data-binary", "[1]").status()).isEqualTo(400);
    }

    @Test
    void noServerIsNoNode() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiClient.call(dir.resolve("elsewhere"),
                HttpMethod.GET, "/v1/status", Duration.ofSeconds(5))).isInstanceOf(ApiClient.NoNodeException.class);
    }

    private record Curl(int status, String headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Curl curl(String path, String... extra) throws Exception {
        Path headers = Files.createTempFile(dir, "h", ".txt");
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--max-time", "20", "--unix-socket",
                server.socket().toString(), "-D", headers.toString()));
        cmd.addAll(List.of(extra));
        cmd.add("http://localhost" + path);
        Curl out = run(cmd);
        String h = Files.readString(headers);
        return new Curl(Integer.parseInt(h.split(" ", 3)[1]), h, out.body());
    }

    private static Curl run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] body = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("curl exit code").isZero();
        return new Curl(0, "", body);
    }
}
