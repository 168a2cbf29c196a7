package io.intinode.fuse.cli;

import static io.intinode.fuse.testing.FuseTesting.assumeFuse;
import static io.intinode.fuse.testing.FuseTesting.await;
import static io.intinode.fuse.testing.FuseTesting.forceUnmount;
import static io.intinode.fuse.testing.FuseTesting.intinode;
import static io.intinode.fuse.testing.FuseTesting.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intinode.fuse.mount.MountTable;
import io.intinode.node.api.ApiClient;
import io.intinode.node.cli.Main;
import io.intinode.node.cli.NodeCommand;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import io.intinode.transfer.webseed.FaultServer;
import io.intinode.transfer.webseed.NginxServer;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code intinode mount --node auto} beside a real node (child JVM) that holds the cache, content on a real
 * nginx: stub content arrives through the node, later opens and mounts read the node's cache without asking
 * it for the blob (they tell it of their reads, for its eviction order), and a node that cannot deliver, or
 * stops, gives EIO within the deadline. The node is stopped last.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MountThroughNodeIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration SHORT_FETCH = Duration.ofSeconds(4);
    /** What "at once" allows on a loaded machine: far below the fetch deadline and the webseed's stall. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    Path tmp;
    Path data;
    Path src;
    Path mnt;
    Path nodeLog;
    Process node;
    Process mount;
    NginxServer nginx;
    FaultServer stalling;
    byte[] content;
    final List<Path> logs = new ArrayList<>();

    @BeforeAll
    void startNode(@TempDir Path dir) throws Exception {
        assumeFuse();
        tmp = dir;
        data = tmp.resolve("data");
        src = Files.createDirectories(tmp.resolve("src"));
        mnt = Files.createDirectories(tmp.resolve("mnt"));
        Path www = Files.createDirectories(tmp.resolve("www"));
        content = new byte[1_500_000];
        new Random(61).nextBytes(content);
        Files.write(www.resolve("a"), content);
        nginx = NginxServer.start(www, tmp.resolve("nginx"));
        stalling = new FaultServer();
        stub("a.bin", content, nginx.url("/a"));
        for (String n : List.of("1", "2", "3")) { // a URL each: the node still retries stalled-1 in later tests
            stalling.on("/stall" + n, (exchange, count) -> stalling.stall());
            stub("stalled-" + n + ".bin", ("never " + n).getBytes(), stalling.url("/stall" + n));
        }

        nodeLog = tmp.resolve("node.log");
        node = intinode(nodeLog, List.of("--data-dir", data.toString(), "node", "--listen", "/ip4/127.0.0.1/tcp/0",
                "--no-mdns")); // mDNS only inside namespaces
        await("the node's API", LIMIT, () -> !node.isAlive() || text(nodeLog).contains("api: "));
        assertThat(node.isAlive()).as(text(nodeLog)).isTrue();
    }

    @AfterEach
    void stopMount() throws Exception {
        if (mount != null && mount.isAlive()) {
            mount.destroy();
            if (!mount.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                mount.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (mnt != null) {
            forceUnmount(mnt);
        }
    }

    @AfterAll
    void stopNode() throws Exception {
        if (node != null && node.isAlive()) {
            node.destroy();
            if (!node.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        for (AutoCloseable c : new AutoCloseable[] {stalling, nginx}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void contentArrivesThroughTheNodeAndLaterOpensAndMountsReadItsCache() throws Exception {
        mount = mount("first", "--node", "auto", "--fetch-timeout", "60s");
        assertThat(Files.readAllBytes(mnt.resolve("a.bin"))).isEqualTo(content);
        String metrics = metrics();
        assertThat(metrics).contains("intinode_resolve_bytes_total{source=\"webseed\"} " + content.length + "\n");
        long asked = counter(metrics, "intinode_cache_hits_total") + counter(metrics, "intinode_cache_misses_total");
        assertThat(Files.readAllBytes(mnt.resolve("a.bin"))).isEqualTo(content);

        assertThat(Main.run("umount", mnt.toString())).isZero();
        assertThat(mount.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        JsonNode before = cacheEntry(Sha256.of(content)); // the mount told the node of its opens as it stopped
        mount = mount("second", "--node", "auto");
        assertThat(Files.readAllBytes(mnt.resolve("a.bin"))).isEqualTo(content);
        metrics = metrics();
        // Read from the node's committed file: the node was not asked again.
        assertThat(counter(metrics, "intinode_cache_hits_total") + counter(metrics, "intinode_cache_misses_total"))
                .isEqualTo(asked);
        assertThat(counter(metrics, "intinode_resolve_bytes_total{source=\"webseed\"}")).isEqualTo(content.length);

        // Yet that read counts for the node's eviction order: the mount touched it (at the latest as it stops).
        assertThat(Main.run("umount", mnt.toString())).isZero();
        assertThat(mount.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        JsonNode after = cacheEntry(Sha256.of(content));
        assertThat(after.path("accessCount").asLong()).isEqualTo(before.path("accessCount").asLong() + 1);
        assertThat(Instant.parse(after.path("lastAccess").asText()))
                .isAfter(Instant.parse(before.path("lastAccess").asText()));
    }

    @Test
    @Order(2)
    void noneDoesNotTouchTheNodeAndCannotTakeItsCache() throws Exception {
        String before = metrics();
        Path log = tmp.resolve("none.log");
        Process none = intinode(log, List.of("--data-dir", data.toString(), "mount", src.toString(), mnt.toString(),
                "--foreground", "--node", "none"));
        assertThat(none.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(none.exitValue()).isEqualTo(1);
        assertThat(text(log)).contains("in use by another process").doesNotContain("through the node");
        String after = metrics();
        assertThat(counter(after, "intinode_cache_misses_total")).isEqualTo(counter(before, "intinode_cache_misses_total"));
        assertThat(counter(after, "intinode_cache_hits_total")).isEqualTo(counter(before, "intinode_cache_hits_total"));
    }

    @Test
    @Order(3)
    void aFetchTheNodeCannotFinishFailsWithEioAtTheDeadline() throws Exception {
        mount = mount("deadline", "--node", "auto", "--fetch-timeout", SHORT_FETCH.toMillis() + "ms");
        long start = System.nanoTime();
        assertThatThrownBy(() -> Files.readAllBytes(mnt.resolve("stalled-1.bin"))).isInstanceOf(IOException.class)
                .hasMessageContaining("Input/output error");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(SHORT_FETCH.minusMillis(500)).isLessThan(SHORT_FETCH.plusSeconds(10));
        await("the reason in the mount's log", LIMIT, () -> text(logs.getLast()).contains("stalled-1.bin"));
        assertThat(text(logs.getLast())).contains("did not finish within", "open /stalled-1.bin");
    }

    @Test
    @Order(4)
    void aNodeThatStopsMidFetchGivesEioAtOnceAndTheCacheStillServes() throws Exception {
        mount = mount("stop", "--node", "auto", "--fetch-timeout", "120s");
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<byte[]> open = pool.submit(() -> Files.readAllBytes(mnt.resolve("stalled-2.bin")));
            await("the node's request to the webseed", LIMIT, () -> !stalling.requestsTo("/stall2").isEmpty());
            long stopped = System.nanoTime();
            node.destroy(); // SIGTERM: the node goes away with the fetch unfinished
            // The node ends its API connections as it stops: the open fails at once, not at the fetch deadline
            // (120 s), nor when the node's process is gone.
            assertThatThrownBy(() -> open.get(LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("Input/output error");
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(PROMPT);
            assertThat(node.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("the node's stop, its webseed fetch stalled")
                    .isLessThan(NodeCommand.STOP_BOUND);
            assertThat(node.exitValue()).as("a clean stop on SIGTERM").isEqualTo(143);
        } finally {
            pool.shutdownNow();
        }
        // Without the node, a missing blob fails at once; a cached one is still read from the cache files.
        long start = System.nanoTime();
        assertThatThrownBy(() -> Files.readAllBytes(mnt.resolve("stalled-3.bin"))).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(Files.readAllBytes(mnt.resolve("a.bin"))).isEqualTo(content);
        assertThat(text(logs.getLast())).contains("is not running anymore");
    }

    private Process mount(String name, String... options) throws Exception {
        Path log = tmp.resolve("mount-" + name + ".log");
        logs.add(log);
        List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "mount", src.toString(),
                mnt.toString(), "--foreground"));
        args.addAll(List.of(options));
        Process p = intinode(log, args);
        await("the mount to answer", LIMIT, () -> !p.isAlive()
                || (MountTable.state(mnt) == MountTable.State.ALIVE && Files.exists(mnt.resolve("a.bin"))));
        assertThat(p.isAlive()).as("mount process alive; its log: %s", text(log)).isTrue();
        assertThat(text(log)).contains("intinode: through the node on " + data);
        return p;
    }

    private void stub(String name, byte[] bytes, String url) throws IOException {
        Digest digest = Sha256.of(bytes);
        Files.write(src.resolve(name), StubCodec.toBytes(Stub.of(digest, bytes.length, List.of(url))));
    }

    private String metrics() throws InterruptedException {
        ApiClient.Response r = ApiClient.call(data, HttpMethod.GET, "/metrics", Duration.ofSeconds(10));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** The node's cache entry of the blob: {@code GET /v1/cache}. */
    private JsonNode cacheEntry(Digest digest) throws Exception {
        ApiClient.Response r = ApiClient.call(data, HttpMethod.GET, "/v1/cache", Duration.ofSeconds(10));
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode blob : new ObjectMapper().readTree(r.body()).path("blobs")) {
            if (blob.path("digest").asText().equals(digest.toString())) {
                return blob;
            }
        }
        throw new AssertionError("not in the node's cache: " + digest + "; " + r.body());
    }

    private static long counter(String metrics, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + " (\\d+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String text(Path log) {
        try {
            return read(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
