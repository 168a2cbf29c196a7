package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.identity.Identity;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.webseed.FaultServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code intinode node} as a child JVM, pings it, and stops it with SIGTERM (also mid-fetch). */
@Timeout(90)
class NodeCommandIT {
    @TempDir
    Path data;

    @Test
    void printsAddressesAnswersPingAndStopsOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = data.resolve("node.err");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.intinode.node.cli.Main", "--data-dir", data.toString(), "node",
                "--listen", "/ip4/127.0.0.1/tcp/0", "--listen", "/ip6/::1/tcp/0", "--no-mdns")
                .redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while (lines.size() < 3 && (line = out.readLine()) != null) { // peer id + two addresses
                lines.add(line);
            }
            String id = CliRun.of("--data-dir", data.toString(), "id").out().strip();
            assertThat(lines.getFirst()).isEqualTo("peer id: " + id);
            assertThat(lines.get(1)).matches("listening on /ip4/127\\.0\\.0\\.1/tcp/[1-9][0-9]*/p2p/" + id);
            assertThat(lines.get(2)).matches("listening on /ip6/::1/tcp/[1-9][0-9]*/p2p/" + id);

            String addr = lines.get(1).substring("listening on ".length());
            CliRun ping = CliRun.of("--data-dir", data.resolve("pinger").toString(), "ping", addr, "--count", "1");
            assertThat(ping.exitCode()).as(ping.err()).isZero();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(err)).contains("node stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigtermEndsAStalledWebseedFetchAtOnceExitsWithinTheBoundAndTheNextStartFetchesTheBlob() throws Exception {
        byte[] content = new byte[200_000];
        new Random(3).nextBytes(content);
        Digest digest = Sha256.of(content);
        List<Process> started = new ArrayList<>();
        try (FaultServer webseed = new FaultServer()) {
            webseed.on("/blob", (exchange, n) -> {
                if (n == 1) {
                    webseed.stall(); // the node's first try hangs: no headers, no bytes
                } else {
                    FaultServer.send(exchange, 200, content);
                }
            });
            String path = "/v1/blobs/" + digest + "?url="
                    + URLEncoder.encode(webseed.url("/blob"), StandardCharsets.UTF_8);
            Process node = NodeProcesses.start(data, started, "n");
            NodeProcesses.awaitLine(NodeProcesses.reader(node), "share: "); // printed once the API is up
            Process fetch = NodeProcesses.curlProcess(data, "n", path, "-o", "/dev/null");
            awaitCondition(() -> webseed.requestsTo("/blob").size() == 1);

            node.destroy(); // SIGTERM
            assertThat(fetch.waitFor(5, TimeUnit.SECONDS)).as("the API client sees its connection end at once")
                    .isTrue();
            assertThat(fetch.exitValue()).as("curl's exit code").isNotZero();
            assertThat(node.waitFor(NodeCommand.STOP_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("a clean stop on SIGTERM").isEqualTo(143);
            assertThat(Files.readString(data.resolve("n.err"))).contains("node stopped")
                    .doesNotContain("did not stop within");
            try (var left = Files.list(data.resolve("n").resolve("tmp"))) {
                assertThat(left).as("no unverified bytes left behind").isEmpty();
            }

            Process again = NodeProcesses.start(data, started, "n");
            NodeProcesses.awaitLine(NodeProcesses.reader(again), "share: ");
            assertThat(NodeProcesses.curl(data, "n", path)).isEqualTo(content);
            assertThat(webseed.requestsTo("/blob")).hasSize(2);
        } finally {
            NodeProcesses.stopAll(started);
        }
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20); // polling interval of a bounded wait on a condition
        }
    }

    @Test
    void portInUseIsAOneLineError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("--data-dir", data.toString(), "node",
                    "--listen", "/ip4/127.0.0.1/tcp/" + taken.getLocalPort(), "--no-mdns");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err()).contains("listen on /ip4/127.0.0.1/tcp/" + taken.getLocalPort() + " failed");
        }
    }

    @Test
    void theConfigFileSetsOptionsAndCommandLineFlagsWin() throws Exception {
        Files.createDirectories(data);
        Files.writeString(data.resolve("intinode.conf"), """
                # test node
                listen = /ip4/127.0.0.1/tcp/0
                dht-protocol = /from-config/kad/1.0.0
                mdns = off
                api-listen = 127.0.0.1:0
                quota = 1G
                bootstrap = /ip4/127.0.0.1/tcp/9/p2p/%s
                bootstrap = /ip4/127.0.0.1/tcp/9/p2p/%s
                provider-ttl = 30m
                republish = 10m
                """.formatted(peerId(), peerId()));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.intinode.node.cli.Main", "--data-dir", data.toString(), "node", "--no-mdns",
                "--dht-protocol", "/from-flag/kad/1.0.0").redirectError(data.resolve("node.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("cache: ")) {
                lines.add(line);
            }
            assertThat(lines).anyMatch(l -> l.matches("listening on /ip4/127\\.0\\.0\\.1/tcp/[1-9][0-9]*/p2p/.*"))
                    .contains("dht: /from-flag/kad/1.0.0, 2 bootstrap peers, no LAN discovery")
                    .contains("dht: provider records kept 30m, ours announced again every 10m")
                    .contains("config: " + data.resolve("intinode.conf"))
                    .anyMatch(l -> l.matches("api: " + data.resolve("api.sock") + " and http://127\\.0\\.0\\.1:[1-9][0-9]*"
                            + " \\(token in " + data.resolve("api.token") + "\\)"));
            assertThat(line).isEqualTo("cache: " + data + " (quota 1073741824 bytes)");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aBadConfigFileIsBadInputNamingFileAndLine() throws Exception {
        Files.createDirectories(data);
        Files.writeString(data.resolve("intinode.conf"), "mdns = off\ncolour = red\n");
        CliRun run = CliRun.of("--data-dir", data.toString(), "node", "--no-mdns");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bad config: " + data.resolve("intinode.conf") + ":2: unknown key 'colour'")
                .hasLineCount(1);
        CliRun missing = CliRun.of("--data-dir", data.toString(), "node", "--no-mdns", "--config",
                data.resolve("nope.conf").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("no such config file");

        Files.writeString(data.resolve("intinode.conf"), "republish = 3d\n");
        CliRun badDuration = CliRun.of("--data-dir", data.toString(), "node", "--no-mdns");
        assertThat(badDuration.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badDuration.err()).contains("bad config: " + data.resolve("intinode.conf")
                + ": republish: not a duration like 500ms, 5s, 2m or 48h: 3d").hasLineCount(1);
        CliRun tooSlow = CliRun.of("--data-dir", data.toString(), "node", "--no-mdns", "--config",
                Files.writeString(data.resolve("empty.conf"), "").toString(), "--provider-ttl", "1h", "--republish", "2h");
        assertThat(tooSlow.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tooSlow.err()).contains("bad DHT option").contains("must be shorter").hasLineCount(1);
    }

    private static String peerId() {
        return Identity.generate(new SecureRandom()).peerId().toString();
    }

    @Test
    void badListenAddressIsBadInput() {
        CliRun run = CliRun.of("--data-dir", data.toString(), "node", "--listen", "/ip4/127.0.0.1/udp/0/quic-v1",
                "--no-mdns");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bad --listen address").contains("quic-v1").hasLineCount(1);
    }
}
