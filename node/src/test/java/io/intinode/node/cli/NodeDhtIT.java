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
            assertThat(awaitLine(bOut, "dht: ")).isEqualTo("dht: /intinode/kad/1.0.0, 1 bootstrap peers, no LAN discovery");
            assertThat(awaitLine(bOut, "dht: routing table")).isEqualTo("dht: routing table has 1 peers");
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
