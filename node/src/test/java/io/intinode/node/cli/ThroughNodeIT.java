package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.api.ApiException;
import io.intinode.node.api.ApiServer;
import io.intinode.node.api.CacheOnlyApi;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.TestBlobs;
import io.intinode.transfer.stub.StubCodec;
import io.intinode.transfer.webseed.NginxServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob commands while a real node (child JVM) holds the cache: they go through its API, so they work
 * where opening the locked cache would fail, and what they write is verified. One node serves every test.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThroughNodeIT {
    @TempDir
    static Path dir;

    private final List<Process> started = new ArrayList<>();
    private NginxServer nginx;
    private Path data;
    private String peerId;
    private byte[] content;
    private Digest digest;

    @BeforeAll
    void startNode() throws Exception {
        content = new byte[2_500_000];
        new Random(21).nextBytes(content);
        digest = TestBlobs.sha256(content);
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.write(www.resolve("blob"), content);
        nginx = NginxServer.start(www, dir.resolve("nginx"));
        Process node = NodeProcesses.start(dir, started, "node");
        BufferedReader out = NodeProcesses.reader(node);
        peerId = NodeProcesses.awaitLine(out, "peer id: ").substring("peer id: ".length());
        NodeProcesses.awaitLine(out, "api: ");
        data = dir.resolve("node");
    }

    @AfterAll
    void stopNode() throws Exception {
        NodeProcesses.stopAll(started);
        nginx.close();
    }

    @Test
    void getAndCatFetchThroughTheNodeIntoItsCache() throws Exception {
        Path stub = Files.writeString(dir.resolve("blob.stub"), "intinode {\"digest\":\"" + digest + "\",\"size\":"
                + content.length + ",\"urls\":[\"" + nginx.url("/blob") + "\"]}\n");
        Path out = dir.resolve("got");
        CliRun get = CliRun.run(data, "get", stub.toString(), "-o", out.toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.err()).isEmpty(); // no "no node" notice, no "in use by another process"
        assertThat(Files.readAllBytes(out)).isEqualTo(content);

        CliRun cat = CliRun.run(data, "cat", digest.toString()); // no URL: the node's cache has it now
        assertThat(cat.exitCode()).as(cat.err()).isZero();
        assertThat(cat.rawOut()).isEqualTo(content);

        String metrics = new String(curl("/metrics"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(metrics).contains("intinode_resolve_bytes_total{source=\"webseed\"} " + content.length + "\n");
    }

    @Test
    void addSkinnyAndHydrateWorkWhileTheNodeHoldsTheCache() throws Exception {
        byte[] mine = new byte[300_000];
        new Random(22).nextBytes(mine);
        Path file = Files.write(dir.resolve("mine"), mine);
        Digest mineDigest = TestBlobs.sha256(mine);
        CliRun add = CliRun.run(data, "add", file.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo(mineDigest + " 300000 " + file + "\n");
        assertThat(curl("/v1/blobs/" + mineDigest)).isEqualTo(mine); // the node has it

        Path src = Files.createDirectories(dir.resolve("tree"));
        Files.write(src.resolve("big"), mine);
        Files.writeString(src.resolve("small"), "small");
        Path skinny = dir.resolve("skinny");
        CliRun sk = CliRun.run(data, "skinny", src.toString(), skinny.toString(), "--export-dir",
                dir.resolve("export").toString());
        assertThat(sk.exitCode()).as(sk.err()).isZero();
        assertThat(StubCodec.read(skinny.resolve("big")).digest()).isEqualTo(mineDigest);
        assertThat(dir.resolve("export/sha256/" + mineDigest.hex())).hasBinaryContent(mine);

        Path full = dir.resolve("full");
        CliRun hy = CliRun.run(data, "hydrate", skinny.toString(), full.toString());
        assertThat(hy.exitCode()).as(hy.err()).isZero();
        assertThat(full.resolve("big")).hasBinaryContent(mine);
        assertThat(full.resolve("small")).hasContent("small");
    }

    @Test
    void cacheCommandsWorkOnTheCacheTheNodeHolds() throws Exception {
        byte[] kept = new byte[123_456];
        new Random(23).nextBytes(kept);
        Path file = Files.write(dir.resolve("kept"), kept);
        Digest keptDigest = TestBlobs.sha256(kept);
        assertThat(CliRun.run(data, "add", file.toString()).exitCode()).isZero();

        CliRun pin = CliRun.run(data, "cache", "pin", keptDigest.toString());
        assertThat(pin.exitCode()).as(pin.err()).isZero();
        assertThat(pin.err()).isEmpty(); // not "in use by another process"
        CliRun ls = CliRun.run(data, "cache", "ls");
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.lines()).anySatisfy(l -> assertThat(l).startsWith(keptDigest + " 123456 PS local "));

        CliRun stats = CliRun.run(data, "cache", "stats", "--quota", "1G"); // the node's own quota is shown
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        assertThat(stats.lines()).contains("quota:     10737418240 (10.0 GiB)")
                .anySatisfy(l -> assertThat(l).startsWith("pinned:    1 blobs, 123456 bytes"));

        CliRun gc = CliRun.run(data, "cache", "gc");
        assertThat(gc.out()).startsWith("evicted 0 blobs (0 B); cache holds ").endsWith(" of 10.0 GiB\n");
        CliRun verify = CliRun.run(data, "cache", "verify");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).endsWith(" ok, 0 damaged\n");
        assertThat(CliRun.run(data, "cache", "unpin", keptDigest.toString()).out()).isEqualTo("unpinned " + keptDigest + "\n");
        assertThat(CliRun.run(data, "cache", "ls").lines())
                .anySatisfy(l -> assertThat(l).startsWith(keptDigest + " 123456 -S local "));

        CliRun missing = CliRun.run(data, "cache", "pin", "sha256:" + "5".repeat(64));
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).isEqualTo("intinode: the node: not in the cache: sha256:" + "5".repeat(64) + "\n");
        CliRun rebuild = CliRun.run(data, "cache", "verify", "--rebuild");
        assertThat(rebuild.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(rebuild.err()).contains("stop the node on " + data + " first");
        CliRun alone = CliRun.run(data, "cache", "ls", "--node", "none");
        assertThat(alone.exitCode()).isNotZero();
        assertThat(alone.err()).contains("in use by another process");
    }

    @Test
    void aBlobNoSourceHasIsNotFoundAndLeavesNoFile() {
        Path out = dir.resolve("missing");
        CliRun get = CliRun.run(data, "get", "sha256:" + "7".repeat(64), "-o", out.toString());
        assertThat(get.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(get.err()).startsWith("intinode: the node: sha256:" + "7".repeat(64) + " not found").hasLineCount(1);
        assertThat(out).doesNotExist();
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void statusProvidersAndShareAskTheNode() {
        CliRun status = CliRun.run(data, "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.lines()).contains("peer id: " + peerId, "peers: 0 connected (0 on the LAN)", "share: off");
        assertThat(status.out()).contains("routing table has 0 peers").contains("cache: ").contains("listening on /ip4/127.0.0.1/tcp/");
        assertThat(CliRun.run(data, "status", "--json").out()).startsWith("{\"peerId\":\"" + peerId + "\"")
                .contains("\"share\":false");

        CliRun none = CliRun.run(data, "providers", digest.toString(), "--timeout", "500ms");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(none.err()).isEqualTo("intinode: no providers found for " + digest + "\n");
        assertThat(CliRun.run(data, "providers", "sha256:zz").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(CliRun.run(data, "share", "status").out()).startsWith("share: off (running node)\nmode: off\n");
        assertThat(CliRun.run(data, "share", "on").out()).contains("running node updated");
        assertThat(CliRun.run(data, "status").lines()).contains("share: on");
        assertThat(CliRun.run(data, "share", "off").exitCode()).isZero();
    }

    @Test
    void withoutANodeStatusAndProvidersSaySoAndBlobCommandsFallBack() throws Exception {
        Path empty = dir.resolve("no-node");
        CliRun status = CliRun.run(empty, "status");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(status.err()).isEqualTo("intinode: no node is running with data dir " + empty
                + " (start one with: intinode node)\n");
        assertThat(CliRun.run(empty, "providers", digest.toString()).exitCode()).isEqualTo(ExitCodes.UNREACHABLE);

        Path out = dir.resolve("standalone");
        CliRun get = CliRun.run(empty, "get", digest.toString(), "--url", nginx.url("/blob"), "-o", out.toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.err()).startsWith("intinode: no node is running with data dir " + empty + "; standalone");
        assertThat(out).hasBinaryContent(content);
    }

    /** A node that answers with the wrong bytes (a bug, a damaged cache): the CLI catches it and writes nothing. */
    @Test
    void wrongBytesFromANodeNeverBecomeTheOutputFile() throws Exception {
        try (FileBlobStore store = FileBlobStore.open(dir.resolve("liar-store"), StoreConfig.withQuota(1 << 30))) {
            Digest other = store.ingest(new ByteArrayInputStream("not what was asked".getBytes()),
                    BlobStore.Expected.NOTHING, Origin.LOCAL).digest();
            CacheOnlyApi liar = new CacheOnlyApi(store) {
                @Override
                public Optional<BlobHandle> blob(Digest asked, long size, List<String> urls, boolean shareable) {
                    return store.open(other);
                }

                @Override
                public Added add(InputStream body, Optional<Digest> expected, long size) {
                    // Reads the upload as a node does, so the lie is in the answer, not a cut-off request.
                    try {
                        body.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return new Added(other.toString(), size);
                }
            };
            Path liarData = Files.createDirectories(dir.resolve("liar"));
            try (ApiServer api = ApiServer.start(liarData, liar, Optional.empty())) {
                Path out = dir.resolve("lied");
                CliRun get = CliRun.run(liarData, "get", digest.toString(), "-o", out.toString());
                assertThat(get.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
                assertThat(get.err()).contains("blob from the node SHA-256 mismatch").hasLineCount(1);
                assertThat(out).doesNotExist();
                assertThat(dir).isDirectoryNotContaining("glob:**.part");

                CliRun cat = CliRun.run(liarData, "cat", digest.toString());
                assertThat(cat.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
                assertThat(cat.rawOut()).isEmpty();

                CliRun add = CliRun.run(liarData, "add", dir.resolve("www/blob").toString());
                assertThat(add.exitCode()).as(add.err()).isEqualTo(ExitCodes.VERIFY_FAILED);
                assertThat(add.err()).contains("blob the node stored").contains("got " + other);
            }
        }
    }

    /**
     * A node that refuses an upload before reading all of it (HTTP allows an early answer; the client is still
     * writing when the node closes the connection): the CLI reports that answer, not the broken write.
     */
    @Test
    void aNodeThatAnswersAnUploadBeforeReadingItIsReportedWithItsReason() throws Exception {
        try (FileBlobStore store = FileBlobStore.open(dir.resolve("early-store"), StoreConfig.withQuota(1 << 30))) {
            CacheOnlyApi refusing = new CacheOnlyApi(store) {
                @Override
                public Added add(InputStream body, Optional<Digest> expected, long size) {
                    try {
                        body.readNBytes(64 * 1024); // as a node that finds out a little way in
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    throw new ApiException(413, "no room for " + size + " bytes in this node's cache");
                }
            };
            CacheOnlyApi careless = new CacheOnlyApi(store) {
                @Override
                public Added add(InputStream body, Optional<Digest> expected, long size) {
                    return new Added(digest.toString(), size); // claims it stored what it never read
                }
            };
            Path earlyData = Files.createDirectories(dir.resolve("early"));
            try (ApiServer api = ApiServer.start(earlyData, refusing, Optional.empty())) {
                CliRun add = CliRun.run(earlyData, "add", dir.resolve("www/blob").toString());
                assertThat(add.exitCode()).as(add.err()).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(add.err())
                        .contains("the node: no room for " + content.length + " bytes in this node's cache")
                        .hasLineCount(1);
            }
            Path carelessData = Files.createDirectories(dir.resolve("careless"));
            try (ApiServer api = ApiServer.start(carelessData, careless, Optional.empty())) {
                CliRun add = CliRun.run(carelessData, "add", dir.resolve("www/blob").toString());
                assertThat(add.exitCode()).as(add.err()).isEqualTo(ExitCodes.FAILURE);
                assertThat(add.err()).contains("the node answered 201 before it had the whole upload")
                        .contains("of " + content.length + " bytes sent").hasLineCount(1);
            }
            assertThat(store.has(digest)).isFalse();
        }
    }

    /** A stub's {@code "share":false} travels with the fetch, so the node keeps that blob from its peers. */
    @Test
    void aStubsShareFalseReachesTheNode() throws Exception {
        try (FileBlobStore store = FileBlobStore.open(dir.resolve("share-store"), StoreConfig.withQuota(1 << 30))) {
            Digest held = store.ingest(new ByteArrayInputStream("private notes".getBytes()),
                    BlobStore.Expected.NOTHING, Origin.LOCAL).digest();
            List<Boolean> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            CacheOnlyApi node = new CacheOnlyApi(store) {
                @Override
                public Optional<BlobHandle> blob(Digest digest, long size, List<String> urls, boolean shareable) {
                    asked.add(shareable);
                    return store.open(digest);
                }
            };
            Path nodeData = Files.createDirectories(dir.resolve("share-node"));
            Path stub = dir.resolve("private.stub");
            Files.writeString(stub, "intinode {\"digest\":\"" + held + "\",\"size\":13,\"share\":false}\n");
            try (ApiServer api = ApiServer.start(nodeData, node, Optional.empty())) {
                CliRun byStub = CliRun.run(nodeData, "get", stub.toString(), "-o", dir.resolve("p1").toString());
                assertThat(byStub.exitCode()).as(byStub.err()).isZero();
                CliRun byDigest = CliRun.run(nodeData, "get", held.toString(), "-o", dir.resolve("p2").toString());
                assertThat(byDigest.exitCode()).as(byDigest.err()).isZero();
            }
            assertThat(asked).as("share flags the node was asked with").isNotEmpty().startsWith(false).endsWith(true)
                    .containsOnlyOnce(true);
        }
    }

    private byte[] curl(String path) throws Exception {
        Process p = new ProcessBuilder("curl", "-sf", "--max-time", "20", "--unix-socket",
                data.resolve("api.sock").toString(), "http://localhost" + path)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] body = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("curl " + path).isZero();
        return body;
    }
}
