package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.transfer.webseed.NginxServer;
import java.io.BufferedReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node A (sharing on) fetches a blob from a real nginx webseed through its API, serves it again from its
 * cache, and announces it; node B, joined to A's DHT, finds A as its provider.
 */
@Timeout(120)
class NodeShareIT {
    @TempDir
    Path data;

    @Test
    void aBlobFetchedThroughTheApiIsServedFromCacheAndAnnouncedWhenSharing() throws Exception {
        byte[] content = new byte[700_000];
        new Random(11).nextBytes(content);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        Path www = Files.createDirectories(data.resolve("www"));
        Files.write(www.resolve("blob"), content);
        List<Process> started = new ArrayList<>();
        try (NginxServer nginx = NginxServer.start(www, data.resolve("nginx"))) {
            Process a = NodeProcesses.start(data, started, "a", "--share", "on");
            BufferedReader aOut = NodeProcesses.reader(a);
            String aId = NodeProcesses.awaitLine(aOut, "peer id: ").substring("peer id: ".length());
            String aAddr = NodeProcesses.awaitLine(aOut, "listening on ").substring("listening on ".length());
            assertThat(NodeProcesses.awaitLine(aOut, "share: ")).isEqualTo("share: on");
            Process b = NodeProcesses.start(data, started, "b", "--bootstrap", aAddr);
            BufferedReader bOut = NodeProcesses.reader(b);
            assertThat(NodeProcesses.awaitLine(bOut, "share: ")).isEqualTo("share: off");
            assertThat(NodeProcesses.awaitLine(bOut, "dht: routing table")).isEqualTo("dht: routing table has 1 peers");

            String path = "/v1/blobs/" + digest + "?url=" + URLEncoder.encode(nginx.url("/blob"), StandardCharsets.UTF_8);
            assertThat(curl("a", path)).isEqualTo(content);
            assertThat(curl("a", "/v1/blobs/" + digest)).isEqualTo(content); // now from the cache, no url needed
            String metrics = new String(curl("a", "/metrics"), StandardCharsets.UTF_8);
            assertThat(metrics).contains("intinode_resolve_bytes_total{source=\"webseed\"} 700000\n")
                    .contains("intinode_cache_hits_total 1\n").contains("intinode_cache_misses_total 1\n");

            CliRun found = null;
            for (int attempt = 0; attempt < 20; attempt++) { // the announcement runs after the answer; bounded
                found = CliRun.of("--data-dir", data.resolve("b").toString(), "dht", "find-providers", digest,
                        "--json", "--timeout", "2s");
                if (found.exitCode() == 0) {
                    break;
                }
            }
            assertThat(found.exitCode()).as(found.err()).isZero();
            assertThat(found.out()).startsWith("[{\"peer\":\"" + aId + "\"");
        } finally {
            NodeProcesses.stopAll(started);
        }
    }

    private byte[] curl(String node, String path) throws Exception {
        return NodeProcesses.curl(data, node, path);
    }
}
