package io.intinode.dht.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * mDNS discovery between two nodes in a network namespace this test creates ({@code unshare -n}, multicast on
 * its own {@code lo}), so no multicast ever reaches the host's network. Skipped when namespaces are not allowed.
 */
@Timeout(60)
class MdnsDiscoveryIT {
    @TempDir
    Path dir;

    @Test
    void twoNodesFindEachOtherOnTheLanAndAddEachOtherAsLanPeers() throws Exception {
        assumeNamespaces();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String setup = "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo"
                + " && exec \"$0\" \"$@\"";
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder("unshare", "-n", "sh", "-c", setup, java.toString(), "-cp",
                System.getProperty("java.class.path"), MdnsPairMain.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(45, TimeUnit.SECONDS)).as("child finished").isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("discovered: ");
        } finally {
            p.destroyForcibly();
        }
    }

    private void assumeNamespaces() throws IOException, InterruptedException {
        Path err = dir.resolve("probe.err");
        Process probe = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true)
                .redirectOutput(err.toFile()).start();
        boolean ok = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        Assumptions.assumeTrue(ok, () -> "cannot create a network namespace here (unshare -n): "
                + read(err) + "; mDNS test skipped");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
