package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.daemon.P2pNode;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PingCommandTest {
    @TempDir
    Path data;
    private P2pNode target;
    private Multiaddr addr;

    @BeforeEach
    void startTarget() {
        Identity id = Identity.generate(new SecureRandom());
        target = P2pNode.create(id, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
        target.host().start();
        addr = target.host().listenAddrs().getFirst().withPeerId(id.peerId());
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    CliRun ping(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--data-dir", data.toString(), "ping"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void pingsAPeer() {
        CliRun run = ping(addr.toString(), "--count", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("pong from " + target.host().peerId() + ": seq=1 time=")
                .contains("seq=2").contains("2 pings, average");
    }

    @Test
    void peerIdMismatchExits7() {
        Multiaddr wrong = addr.withPeerId(Identity.generate(new SecureRandom()).peerId());
        CliRun run = ping(wrong.toString(), "--timeout", "5");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PEER_MISMATCH);
        assertThat(run.err()).contains("peer id mismatch").hasLineCount(1);
    }

    @Test
    void refusedExits6() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run = ping("/ip4/127.0.0.1/tcp/" + port + "/p2p/" + target.host().peerId());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("connection refused");
    }

    @Test
    void silentPeerTimesOutWithExit6() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts (backlog) but never speaks
            CliRun run = ping("/ip4/127.0.0.1/tcp/" + silent.getLocalPort() + "/p2p/" + target.host().peerId(),
                    "--timeout", "1");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(run.err()).contains("timed out");
        }
    }

    @Test
    void badAddressesExit3() {
        assertThat(ping("/ip4/127.0.0.1/tcp/4001").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRun bad = ping("/ip4/999.0.0.1/tcp/1/p2p/" + target.host().peerId());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("bad multiaddr");
        assertThat(ping("/quic-v1").err()).contains("unsupported multiaddr protocol 'quic-v1'");
        CliRun udp = ping("/ip4/127.0.0.1/udp/4001/p2p/" + target.host().peerId());
        assertThat(udp.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(udp.err()).contains("only TCP addresses");
    }
}
