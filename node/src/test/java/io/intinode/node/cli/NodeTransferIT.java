package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.Key;
import io.intinode.dht.service.DhtConfig;
import io.intinode.node.daemon.NodeDht;
import io.intinode.node.daemon.P2pNode;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.blob.BlobServer;
import io.intinode.transfer.webseed.NginxServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nodes in child JVMs on loopback fetch blobs from each other through the API ({@code GET /v1/blobs/{digest}}):
 * through the DHT, from a LAN peer first, past a peer serving corrupt chunks and a provider killed mid-transfer,
 * and on after the downloading node itself is killed, mid peer transfer or mid webseed fetch. What is not shared
 * stays invisible. LAN peers are given with {@code --lan-peer}, as mDNS may only run inside network namespaces.
 */
@Timeout(120)
class NodeTransferIT {
    private static final int MIB = 1 << 20;
    private static final Pattern METRIC = Pattern.compile("(?m)^(\\S+) (\\d+)$");
    private static final Pattern NGINX_GET = Pattern.compile("\"GET /blob HTTP/1\\.1\" (\\d{3}) (\\d+)");

    @TempDir
    Path data;

    private final List<Process> started = new ArrayList<>();

    /** A running node: its process, output and ids. */
    private record Node(String name, Process process, BufferedReader out, String id, String addr, String share) {}

    @AfterEach
    void stop() throws InterruptedException {
        NodeProcesses.stopAll(started);
    }

    @Test
    void aBlobAddedAndSharedOnAIsFetchedByCThroughTheDht() throws Exception {
        byte[] content = random(3 * MIB + 5, 1);
        String digest = add("a", content);
        Node a = start("a", "--share", "on");
        awaitAnnounced(a, 1);
        Node b = start("b", "--bootstrap", a.addr());
        awaitJoined(b);
        Node c = start("c", "--bootstrap", b.addr(), "--share", "on");
        awaitJoined(c);

        assertThat(curl(c, "/v1/blobs/" + digest)).isEqualTo(content);

        String metrics = metrics(c);
        assertThat(metric(metrics, "intinode_resolved_blobs_total{source=\"dht\"}")).isEqualTo(1);
        assertThat(metric(metrics, "intinode_resolve_bytes_total{source=\"dht\"}")).isEqualTo(content.length);
        awaitAnnounced(c, 1); // fetched with no stub saying "share":false: C shares it now
    }

    @Test
    void aLanPeerIsPreferredOverANonLanOne() throws Exception {
        byte[] content = random(2 * MIB + 9, 2);
        String digest = add("a", content);
        add("b", content);
        Node a = start("a", "--share", "on");
        Node b = start("b", "--share", "on");
        awaitAnnounced(a, 1);
        awaitAnnounced(b, 1);
        Node c = start("c", "--bootstrap", a.addr(), "--bootstrap", b.addr(), "--lan-peer", b.id());
        awaitJoined(c);

        assertThat(curl(c, "/v1/blobs/" + digest)).isEqualTo(content);

        String metrics = metrics(c);
        assertThat(metric(metrics, "intinode_resolved_blobs_total{source=\"lan\"}")).isEqualTo(1);
        assertThat(metric(metrics, "intinode_resolve_bytes_total{source=\"lan\"}")).isEqualTo(content.length);
        assertThat(metrics).doesNotContain("{source=\"dht\"}");
    }

    @Test
    void aPeerServingCorruptChunksIsBannedAndTheDownloadCompletesFromAnother() throws Exception {
        byte[] content = random(3 * MIB, 3);
        String digest = add("a", content);
        Node a = start("a", "--share", "on");
        awaitAnnounced(a, 1);
        try (RottenPeer rotten = RottenPeer.start(data.resolve("rotten"), content)) {
            // C asks the rotten peer first (a LAN peer): a chunk list and the three chunks, all bad. Banned, it is
            // not asked again when the DHT names it a provider beside A, from whom the download completes.
            Node c = start("c", "--bootstrap", a.addr(), "--bootstrap", rotten.addr(), "--lan-peer", rotten.id());
            awaitJoined(c);

            assertThat(curl(c, "/v1/blobs/" + digest)).isEqualTo(content);

            String metrics = metrics(c);
            assertThat(metric(metrics, "intinode_resolve_errors_total{source=\"lan\"}")).isEqualTo(1);
            assertThat(metric(metrics, "intinode_resolved_blobs_total{source=\"dht\"}")).isEqualTo(1);
            assertThat(Files.readString(data.resolve("c.err"))).contains("banned source " + rotten.id());
            assertThat(rotten.requests()).as("requests the rotten peer answered").isEqualTo(4);
        }
    }

    @Test
    void aProviderKilledMidTransferIsReplacedByAnother() throws Exception {
        byte[] content = random(6 * MIB, 4);
        String digest = add("a", content);
        add("b", content);
        // One chunk at a time at 512 KiB/s from each: chunks arrive one by one over about six seconds.
        Node a = start("a", "--share", "on", "--upload-rate", "512K", "--upload-slots-per-peer", "1");
        Node b = start("b", "--share", "on", "--upload-rate", "512K", "--upload-slots-per-peer", "1");
        awaitAnnounced(a, 1);
        awaitAnnounced(b, 1);
        Node c = start("c", "--bootstrap", a.addr(), "--bootstrap", b.addr());
        awaitJoined(c);

        Process fetch = NodeProcesses.curlProcess(data, "c", "/v1/blobs/" + digest, "-f");
        awaitCondition(() -> dhtBytes(c) > 0);
        a.process().destroyForcibly();
        assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        long bytesAtKill = dhtBytes(c);

        assertThat(fetch.getInputStream().readAllBytes()).isEqualTo(content);
        assertThat(fetch.waitFor()).isZero();
        assertThat(bytesAtKill).as("killed mid-transfer").isLessThan(content.length);
    }

    /** Killed (SIGKILL: a crash) or stopped (SIGTERM: the clean stop interrupts the download), it resumes. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void aDownloaderKilledOrStoppedResumesWithoutRefetchingVerifiedChunks(String signal) throws Exception {
        byte[] content = random(6 * MIB, 5);
        String digest = add("a", content);
        Node a = start("a", "--share", "on", "--upload-rate", "1M", "--upload-slots-per-peer", "1");
        awaitAnnounced(a, 1);
        Node c = start("c", "--bootstrap", a.addr());
        awaitJoined(c);
        Path bitmap = data.resolve("c/partial").resolve(digest.substring("sha256:".length()) + ".chunks");

        Process fetch = NodeProcesses.curlProcess(data, "c", "/v1/blobs/" + digest, "-f");
        awaitCondition(() -> verifiedChunks(bitmap) >= 2);
        stop(c, signal, fetch);
        int verified = verifiedChunks(bitmap);
        assertThat(verified).as("killed mid-transfer").isBetween(2, 5);

        Node again = start("c", "--bootstrap", a.addr());
        awaitJoined(again);
        assertThat(curl(again, "/v1/blobs/" + digest)).isEqualTo(content);
        assertThat(dhtBytes(again)).as("only the chunks not verified before the kill are fetched")
                .isEqualTo(content.length - (long) verified * MIB);
        assertThat(bitmap).doesNotExist();
    }

    /**
     * A webseed fetch killed or stopped mid-body keeps the chunks it received, and after the restart nginx (slowed
     * to 1 MiB/s, so that the kill lands mid-body) is asked, with one Range request, for the rest only.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void aWebseedFetchKilledOrStoppedResumesFromTheBytesItKept(String signal) throws Exception {
        byte[] content = random(8 * MIB + 17, 8);
        String digest = digest(content);
        Path www = Files.createDirectories(data.resolve("www"));
        Files.write(www.resolve("blob"), content);
        try (NginxServer nginx = NginxServer.start(www, data.resolve("nginx"), MIB)) {
            Node c = start("c");
            String path = "/v1/blobs/" + digest + "?size=" + content.length + "&url="
                    + URLEncoder.encode(nginx.url("/blob"), StandardCharsets.UTF_8);
            Path marks = data.resolve("c/partial").resolve(digest.substring("sha256:".length()) + ".chunks");

            Process fetch = NodeProcesses.curlProcess(data, "c", path, "-f");
            awaitCondition(() -> verifiedChunks(marks) >= 2);
            stop(c, signal, fetch);
            int kept = verifiedChunks(marks);
            assertThat(kept).as("killed mid-body").isBetween(2, 7);
            awaitCondition(() -> nginxAnswers(nginx).size() == 1); // logged once the node's connection is gone

            Node again = start("c");
            assertThat(curl(again, path)).isEqualTo(content);
            List<long[]> answers = nginxAnswers(nginx);
            assertThat(answers).hasSize(2);
            assertThat(answers.get(1)).as("status and bytes sent after the restart")
                    .containsExactly(206, content.length - (long) kept * MIB);
            assertThat(marks).doesNotExist();
        }
    }

    @Test
    void unsharedBlobsAreInvisibleAndShareIsOffByDefault() throws Exception {
        byte[] held = random(MIB + 3, 6);
        String heldDigest = add("a", held);
        byte[] fetched = random(MIB + 4, 7);
        String fetchedDigest = digest(fetched);
        Path www = Files.createDirectories(data.resolve("www"));
        Files.write(www.resolve("blob"), fetched);
        try (NginxServer nginx = NginxServer.start(www, data.resolve("nginx"))) {
            Node a = start("a"); // holds a shareable blob, but sharing is off by default
            assertThat(a.share()).isEqualTo("share: off");
            Node b = start("b", "--share", "on");
            // as a stub with "share":false would have it fetched: held, never shareable
            assertThat(curl(b, "/v1/blobs/" + fetchedDigest + "?share=false&url="
                    + URLEncoder.encode(nginx.url("/blob"), StandardCharsets.UTF_8))).isEqualTo(fetched);
            Node c = start("c", "--bootstrap", a.addr(), "--bootstrap", b.addr(), "--lan-peer", a.id(),
                    "--lan-peer", b.id());
            awaitJoined(c);

            for (String d : List.of(heldDigest, fetchedDigest)) {
                Process p = NodeProcesses.curlProcess(data, "c", "/v1/blobs/" + d, "-o", "/dev/null", "-w",
                        "%{http_code}");
                assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as(d)
                        .isEqualTo("404");
                assertThat(new String(curl(c, "/v1/providers/" + d + "?timeoutMs=2000"), StandardCharsets.UTF_8)
                        .strip()).as(d).isEqualTo("[]");
            }
            assertThat(new String(curl(a, "/v1/share"), StandardCharsets.UTF_8)).contains("\"share\":false");
            assertThat(new String(curl(b, "/v1/share"), StandardCharsets.UTF_8)).contains("\"announcedGlobal\":0");
            assertThat(new String(curl(c, "/metrics"), StandardCharsets.UTF_8))
                    .contains("intinode_resolve_errors_total{source=\"lan\"} 2");
        }
    }

    // ---- helpers ----

    /** Kills the node (SIGKILL) or stops it (SIGTERM, a clean stop the API client sees at once); waits for both. */
    private static void stop(Node n, String signal, Process fetch) throws InterruptedException {
        if (signal.equals("SIGKILL")) {
            n.process().destroyForcibly();
            assertThat(n.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        } else {
            n.process().destroy();
            assertThat(n.process().waitFor(NodeCommand.STOP_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(n.process().exitValue()).as("a clean stop").isEqualTo(143);
            assertThat(fetch.waitFor(5, TimeUnit.SECONDS)).as("the API client sees the stop at once").isTrue();
        }
        fetch.waitFor(30, TimeUnit.SECONDS);
    }

    /** Status and body bytes of each GET of /blob in nginx's access log (combined format), in order. */
    private static List<long[]> nginxAnswers(NginxServer nginx) {
        try {
            Matcher m = NGINX_GET.matcher(nginx.accessLog());
            List<long[]> answers = new ArrayList<>();
            while (m.find()) {
                answers.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
            return answers;
        } catch (java.io.IOException e) {
            return List.of(); // not written yet
        }
    }

    private Node start(String name, String... args) throws Exception {
        Process p = NodeProcesses.start(data, started, name, args);
        BufferedReader out = NodeProcesses.reader(p);
        String id = NodeProcesses.awaitLine(out, "peer id: ").substring("peer id: ".length());
        String addr = NodeProcesses.awaitLine(out, "listening on ").substring("listening on ".length());
        String share = NodeProcesses.awaitLine(out, "share: "); // printed once the API is up
        return new Node(name, p, out, id, addr, share);
    }

    private static void awaitJoined(Node n) throws Exception {
        assertThat(NodeProcesses.awaitLine(n.out(), "dht: routing table has ")).doesNotEndWith(" 0 peers");
    }

    private void awaitAnnounced(Node n, int blobs) throws Exception {
        awaitCondition(() -> new String(curlQuietly(n, "/v1/share"), StandardCharsets.UTF_8)
                .contains("\"announcedGlobal\":" + blobs));
    }

    private String add(String node, byte[] content) throws Exception {
        Path file = data.resolve(node + "-" + digest(content).substring(7, 15));
        Files.write(file, content);
        CliRun r = CliRun.run(data.resolve(node), "add", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().split(" ")[0];
    }

    private byte[] curl(Node n, String path) throws Exception {
        return NodeProcesses.curl(data, n.name(), path);
    }

    private byte[] curlQuietly(Node n, String path) {
        try {
            return curl(n, path);
        } catch (Exception | AssertionError e) {
            return new byte[0];
        }
    }

    private String metrics(Node n) throws Exception {
        return new String(curl(n, "/metrics"), StandardCharsets.UTF_8);
    }

    private long dhtBytes(Node n) {
        String metrics = new String(curlQuietly(n, "/metrics"), StandardCharsets.UTF_8);
        return metrics.contains("{source=\"dht\"}") ? metric(metrics, "intinode_resolve_bytes_total{source=\"dht\"}") : 0;
    }

    private static long metric(String metrics, String name) {
        Matcher m = METRIC.matcher(metrics);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no metric " + name + " in\n" + metrics);
    }

    /** Chunks marked verified in a partial download's bitmap (12-byte header, then one bit per chunk). */
    private static int verifiedChunks(Path bitmap) {
        try {
            byte[] bytes = Files.readAllBytes(bitmap);
            return bytes.length <= 12 ? 0 : BitSet.valueOf(java.util.Arrays.copyOfRange(bytes, 12, bytes.length))
                    .cardinality();
        } catch (java.io.IOException e) {
            return 0; // not created yet
        }
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(50); // polling interval of a bounded wait on a condition
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String digest(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /**
     * A peer in this JVM whose copy of the blob rotted on disk after ingest: its chunk list is right, every chunk
     * it serves is wrong. A real blob server and DHT on a real host, over a real store.
     */
    private record RottenPeer(P2pNode node, NodeDht dht, FileBlobStore store, AtomicInteger served)
            implements AutoCloseable {
        static RottenPeer start(Path dir, byte[] content) throws Exception {
            FileBlobStore store = FileBlobStore.open(dir, StoreConfig.withQuota(1L << 30));
            Digest d = store.ingest(new ByteArrayInputStream(content), Expected.NOTHING, Origin.LOCAL).digest();
            try (BlobHandle h = store.open(d).orElseThrow()) {
                Files.setPosixFilePermissions(h.path(), PosixFilePermissions.fromString("rw-------"));
                try (FileChannel f = FileChannel.open(h.path(), StandardOpenOption.WRITE)) {
                    for (long at = 100; at < content.length; at += MIB) {
                        f.write(ByteBuffer.wrap(new byte[] {(byte) ~content[(int) at]}), at);
                    }
                }
            }
            Identity identity = Identity.generate(new SecureRandom());
            P2pNode node = P2pNode.create(identity, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
            NodeDht dht = NodeDht.start(node, dir, DhtConfig.defaults());
            AtomicInteger served = new AtomicInteger();
            new BlobServer(store, (blob, peer) -> served.incrementAndGet() > 0).install(node.host());
            node.host().start();
            dht.dht().provide(Key.ofBlob(d)); // its own record: peers that ask it learn it provides
            return new RottenPeer(node, dht, store, served);
        }

        /** Blob-protocol requests answered: each asks the serve policy once. */
        int requests() {
            return served.get();
        }

        String id() {
            return node.host().peerId().toString();
        }

        String addr() {
            return node.host().listenAddrs().getFirst().withPeerId(node.host().peerId()).toString();
        }

        @Override
        public void close() {
            dht.close();
            node.close();
            store.close();
        }
    }
}
