package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code intinode node} child JVMs on loopback: the second joins the DHT through the first. */
@Timeout(90)
class NodeDhtIT {
    @TempDir
    Path data;

    @Test
    void aNodeBootstrapsIntoTheDhtThroughAnother() throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            Process a = node(started, "a");
            BufferedReader aOut = reader(a);
            String aAddr = awaitLine(aOut, "listening on /ip4/").substring("listening on ".length());
            assertThat(awaitLine(aOut, "dht: ")).isEqualTo("dht: /intinode/kad/1.0.0, 0 bootstrap peers, no LAN discovery");

            Process b = node(started, "b", "--bootstrap", aAddr);
            BufferedReader bOut = reader(b);
            String bId = awaitLine(bOut, "peer id: ").substring("peer id: ".length());
            assertThat(awaitLine(bOut, "dht: ")).isEqualTo("dht: /intinode/kad/1.0.0, 1 bootstrap peers, no LAN discovery");
            assertThat(awaitLine(bOut, "dht: routing table")).isEqualTo("dht: routing table has 1 peers");

            String blob = "sha256:" + "ab".repeat(32);
            CliRun provide = CliRun.of("--data-dir", data.resolve("b").toString(), "dht", "provide", blob);
            assertThat(provide.exitCode()).as(provide.err()).isZero();
            assertThat(provide.out()).contains(blob + ": announced to 1 peers");

            CliRun find = CliRun.of("--data-dir", data.resolve("a").toString(), "dht", "find-providers", blob, "--json");
            assertThat(find.exitCode()).as(find.err()).isZero();
            assertThat(find.out()).startsWith("[{\"peer\":\"" + bId + "\",\"addrs\":[\"/ip4/127.0.0.1/tcp/");

            CliRun peer = CliRun.of("--data-dir", data.resolve("a").toString(), "dht", "find-peer", bId);
            assertThat(peer.exitCode()).as(peer.err()).isZero();
            assertThat(peer.out()).matches("(?s)/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/" + bId + "\\s*");

            CliRun peers = CliRun.of("--data-dir", data.resolve("a").toString(), "peers", "--json");
            assertThat(peers.exitCode()).as(peers.err()).isZero();
            assertThat(peers.out()).contains("\"routingTable\":1").contains("\"peer\":\"" + bId + "\",\"lan\":false");

            Process curl = new ProcessBuilder("curl", "-s", "--max-time", "10", "--unix-socket",
                    data.resolve("a/api.sock").toString(), "http://localhost/metrics").start();
            String metrics = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor()).isZero();
            assertThat(metrics).contains("intinode_peers_connected 1\n").contains("intinode_dht_routing_table_peers 1\n");

            CliRun shareStatus = CliRun.of("--data-dir", data.resolve("a").toString(), "share", "status");
            assertThat(shareStatus.out()).isEqualTo("share: off (running node)\n"); // off by default
            CliRun shareOn = CliRun.of("--data-dir", data.resolve("a").toString(), "share", "on");
            assertThat(shareOn.exitCode()).as(shareOn.err()).isZero();
            assertThat(shareOn.out()).contains("running node updated");
            assertThat(CliRun.of("--data-dir", data.resolve("a").toString(), "share", "status").out())
                    .isEqualTo("share: on (running node)\n");

            CliRun none = CliRun.of("--data-dir", data.resolve("a").toString(), "dht", "find-providers",
                    "sha256:" + "cd".repeat(32), "--timeout", "2s");
            assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        } finally {
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aBootstrapAddressWithoutPeerIdIsBadInput() {
        CliRun run = CliRun.of("--data-dir", data.toString(), "node", "--listen", "/ip4/127.0.0.1/tcp/0",
                "--bootstrap", "/ip4/127.0.0.1/tcp/4001", "--no-mdns");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bootstrap address needs a /p2p/<peer id>");
    }

    @Test
    void withoutARunningNodeTheCommandsSaySoAndHowToStartOne() {
        CliRun run = CliRun.of("--data-dir", data.toString(), "peers");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("no node is running").contains("intinode node");
        CliRun bad = CliRun.of("--data-dir", data.toString(), "dht", "find-providers", "sha256:xyz");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("not a blob reference");
    }

    private Process node(List<Process> started, String name, String... extra) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.intinode.node.cli.Main", "--data-dir", data.resolve(name).toString(), "node",
                "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns")); // mDNS only inside namespaces
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectError(data.resolve(name + ".err").toFile()).start();
        started.add(p);
        return p;
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads lines until one starts with {@code prefix}; the class timeout bounds the wait. */
    private static String awaitLine(BufferedReader out, String prefix) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("node exited before printing a line starting with " + prefix);
    }
}
