package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.multiformats.Cid;
import io.intinode.store.Digest;
import io.intinode.transfer.TestBlobs;
import io.intinode.transfer.webseed.FaultServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetCatCommandTest {
    @TempDir Path dir;
    private final byte[] content = new byte[100_000];
    private Digest digest;
    private Path data;
    private FaultServer server;

    @BeforeEach
    void setUp() throws IOException {
        new Random(3).nextBytes(content);
        digest = TestBlobs.sha256(content);
        data = dir.resolve("data");
        server = new FaultServer();
        server.on("/blob", (ex, n) -> FaultServer.send(ex, 200, content));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void getFetchesAStubsContentOnceThenServesItFromTheCache() throws IOException {
        Path stub = Files.writeString(dir.resolve("f.stub"), stubLine(server.url("/blob")));
        Path out = dir.resolve("out");

        CliRun first = cli("get", stub.toString(), "-o", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(content);

        server.close();
        Path again = dir.resolve("again");
        assertThat(cli("get", stub.toString(), "-o", again.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(content);
        assertThat(server.requestsTo("/blob")).hasSize(1);
    }

    @Test
    void catWritesTheBlobToStdoutByDigestAndByCid() throws IOException {
        CliRun byUrl = cli("cat", digest.toString(), "--url", server.url("/blob"));
        assertThat(byUrl.exitCode()).as(byUrl.err()).isZero();
        assertThat(byUrl.rawOut()).isEqualTo(content);

        String cid = Cid.of(digest).toString();
        assertThat(cid).startsWith("bafkrei");
        CliRun byCid = cli("cat", cid);
        assertThat(byCid.exitCode()).as(byCid.err()).isZero();
        assertThat(byCid.rawOut()).isEqualTo(content);
    }

    @Test
    void wrongBytesFromTheWebseedAreNeitherWrittenNorCached() throws IOException {
        byte[] wrong = content.clone();
        wrong[0] ^= 1;
        server.on("/wrong", (ex, n) -> FaultServer.send(ex, 200, wrong));
        Path stub = Files.writeString(dir.resolve("w.stub"), stubLine(server.url("/wrong")));
        Path out = dir.resolve("out");

        CliRun run = cli("get", stub.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("served wrong content").doesNotContain("\tat ").hasLineCount(1);
        assertThat(out).doesNotExist();
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
        assertThat(cli("cat", digest.toString()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void aBlobDamagedInTheCacheIsNeverHandedOut() throws IOException {
        assertThat(cli("cat", digest.toString(), "--url", server.url("/blob")).exitCode()).isZero();
        Path blob = data.resolve("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex());
        byte[] damaged = Files.readAllBytes(blob);
        damaged[500] ^= 1;
        Files.write(blob, damaged); // as root; the store keeps blobs read-only

        Path out = dir.resolve("out");
        CliRun get = cli("get", digest.toString(), "-o", out.toString());
        assertThat(get.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(get.err()).contains("cached blob").contains("SHA-256 mismatch").contains("cache verify").hasLineCount(1);
        assertThat(out).doesNotExist();
        assertThat(dir).isDirectoryNotContaining("glob:**.part");

        CliRun cat = cli("cat", digest.toString());
        assertThat(cat.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(cat.rawOut()).isEmpty();
    }

    @Test
    void anUnknownDigestIsNotFound() {
        CliRun run = cli("cat", "sha256:" + "0".repeat(64));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).isEqualTo("intinode: sha256:" + "0".repeat(64)
                + " not found in the cache and no URL to fetch it from\n");
    }

    @Test
    void badReferencesAreBadInput() throws IOException {
        assertThat(cli("cat", "sha256:XYZ").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli("cat", "bafkreiinvalid!").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli("cat", "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG").err()).contains("CIDv0 is not supported");
        assertThat(cli("cat", "no-such-thing").err())
                .isEqualTo("intinode: no-such-thing: not a digest (sha256:<hex>), a CID (bafkrei…) or an existing stub file\n");
        Path bad = Files.writeString(dir.resolve("bad.stub"), "intinode {\"digest\":\"sha256:12\",\"size\":1}\n");
        CliRun run = cli("get", bad.toString(), "-o", dir.resolve("o").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("intinode: " + bad + ": not a valid stub: bad \"digest\"");
    }

    @Test
    void getNeedsAnOutput() {
        assertThat(cli("get", digest.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private String stubLine(String url) {
        return "intinode {\"digest\":\"" + digest + "\",\"size\":" + content.length + ",\"urls\":[\"" + url + "\"]}\n";
    }

    @Test
    void withoutANodeGetSaysSoOnceAndWorksStandalone() throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.run(data, "get", digest.toString(), "--url", server.url("/blob"), "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("intinode: no node is running with data dir " + data
                + "; standalone (local cache, then webseed URLs)\n");
        assertThat(Files.readAllBytes(out)).isEqualTo(content);
    }

    /** Standalone, without the notice that no node runs ({@link #withoutANodeGetSaysSoOnceAndWorksStandalone}). */
    private CliRun cli(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--node";
        all[args.length + 1] = "none";
        return CliRun.run(data, all);
    }
}
