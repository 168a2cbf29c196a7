package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiformats.Cid;
import io.intinode.store.Digest;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
            Process a = NodeProcesses.start(data, started, "a");
            BufferedReader aOut = NodeProcesses.reader(a);
            String aAddr = NodeProcesses.awaitLine(aOut, "listening on /ip4/").substring("listening on ".length());
            assertThat(NodeProcesses.awaitLine(aOut, "dht: ")).isEqualTo("dht: /intinode/kad/1.0.0, 0 bootstrap peers, no LAN discovery");

            Process b = NodeProcesses.start(data, started, "b", "--bootstrap", aAddr);
            BufferedReader bOut = NodeProcesses.reader(b);
            String bId = NodeProcesses.awaitLine(bOut, "peer id: ").substring("peer id: ".length());
            assertThat(NodeProcesses.awaitLine(bOut, "dht: ")).isEqualTo("dht: /intinode/kad/1.0.0, 1 bootstrap peers, no LAN discovery");
            assertThat(NodeProcesses.awaitLine(bOut, "dht: routing table")).isEqualTo("dht: routing table has 1 peers");

            String blob = "sha256:" + "ab".repeat(32);
            CliRun provide = CliRun.of("--data-dir", data.resolve("b").toString(), "dht", "provide", blob);
            assertThat(provide.exitCode()).as(provide.err()).isZero();
            assertThat(provide.out()).contains(blob + ": announced to 1 peers");

            CliRun find = CliRun.of("--data-dir", data.resolve("a").toString(), "dht", "find-providers", blob, "--json");
            assertThat(find.exitCode()).as(find.err()).isZero();
            assertThat(find.out()).startsWith("[{\"peer\":\"" + bId + "\",\"addrs\":[\"/ip4/127.0.0.1/tcp/");
            String cid = Cid.of(Digest.parse(blob)).toString(); // the same blob named by its raw CIDv1
            CliRun byCid = CliRun.of("--data-dir", data.resolve("a").toString(), "dht", "find-providers", cid, "--json");
            assertThat(byCid.exitCode()).as(byCid.err()).isZero();
            assertThat(byCid.out()).isEqualTo(find.out());

            CliRun peer = CliRun.of("--data-dir", data.resolve("a").toString(), "dht", "find-peer", bId);
            assertThat(peer.exitCode()).as(peer.err()).isZero();
            assertThat(peer.out()).matches("(?s)/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/" + bId + "\\s*");

            CliRun peers = CliRun.of("--data-dir", data.resolve("a").toString(), "peers", "--json");
            assertThat(peers.exitCode()).as(peers.err()).isZero();
            assertThat(peers.out()).contains("\"routingTable\":1").contains("\"peer\":\"" + bId + "\",\"lan\":false");

            String metrics = scrapeMetrics(data.resolve("a/api.sock"));
            assertThat(metrics).contains("intinode_peers_connected 1\n").contains("intinode_dht_routing_table_peers 1\n")
                    .contains("intinode_dht_provider_records 1\n") // b's record for the blob it provided
                    .contains("# TYPE intinode_dht_lookup_duration_seconds histogram\n");

            CliRun shareStatus = CliRun.of("--data-dir", data.resolve("a").toString(), "share", "status");
            assertThat(shareStatus.out()).startsWith("share: off (running node)\nmode: off\n"); // off by default
            CliRun shareOn = CliRun.of("--data-dir", data.resolve("a").toString(), "share", "on");
            assertThat(shareOn.exitCode()).as(shareOn.err()).isZero();
            assertThat(shareOn.out()).contains("running node updated");
            assertThat(CliRun.of("--data-dir", data.resolve("a").toString(), "share", "status").out())
                    .startsWith("share: on (running node)\nmode: all\nlevel: all\n");

            CliRun none = CliRun.of("--data-dir", data.resolve("a").toString(), "dht", "find-providers",
                    "sha256:" + "cd".repeat(32), "--timeout", "2s");
            assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            // a blob nobody holds takes a lookup over the network: counted once, and once in the histogram
            String after = scrapeMetrics(data.resolve("a/api.sock"));
            assertThat(value(after, "intinode_dht_lookups_total")).isEqualTo(value(metrics, "intinode_dht_lookups_total") + 1);
            assertThat(value(after, "intinode_dht_lookup_duration_seconds_count"))
                    .isEqualTo(value(after, "intinode_dht_lookups_total"))
                    .isEqualTo(value(after, "intinode_dht_lookup_duration_seconds_bucket{le=\"+Inf\"}"));
            assertThat(value(after, "intinode_dht_lookup_duration_seconds_bucket{le=\"5\"}"))
                    .isEqualTo(value(metrics, "intinode_dht_lookup_duration_seconds_bucket{le=\"5\"}") + 1);
        } finally {
            NodeProcesses.stopAll(started);
        }
    }

    private static String scrapeMetrics(Path socket) throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "--max-time", "10", "--unix-socket", socket.toString(),
                "http://localhost/metrics").start();
        String text = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();
        return text;
    }

    /** The value of the one sample named exactly {@code series} (name and labels) in an exposition text. */
    private static long value(String exposition, String series) {
        List<Long> values = exposition.lines().filter(l -> l.startsWith(series + " "))
                .map(l -> Long.parseLong(l.substring(series.length() + 1))).toList();
        assertThat(values).as(series).hasSize(1);
        return values.getFirst();
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
        String blob = "sha256:" + "ab".repeat(32);
        String peer = Identity.generate(new SecureRandom()).peerId().toString();
        for (List<String> command : List.of(List.of("peers"), List.of("peers", "--json"),
                List.of("dht", "provide", blob), List.of("dht", "find-providers", blob),
                List.of("dht", "find-peer", peer))) {
            List<String> args = new ArrayList<>(List.of("--data-dir", data.toString()));
            args.addAll(command);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s", command).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(run.err()).as("%s", command).contains("no node is running").contains("intinode node");
        }
        CliRun bad = CliRun.of("--data-dir", data.toString(), "dht", "find-providers", "sha256:xyz");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("not a blob reference");
    }
}
