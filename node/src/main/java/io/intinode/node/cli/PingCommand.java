package io.intinode.node.cli;

import io.intinode.node.daemon.P2pNode;
import io.intinode.p2p.core.PeerIdMismatchException;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.MultiaddrException;
import io.intinode.p2p.multiaddr.Protocol;
import io.intinode.p2p.ping.PingException;
import io.intinode.p2p.ping.PingProtocol;
import io.intinode.p2p.transport.TransportException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code intinode ping MULTIADDR}: dials a peer over Noise + yamux and measures ping round trips. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = {"Dial a peer and ping it with /ipfs/ping/1.0.0, printing round-trip times.",
            "Exit codes: 0 ok, 3 bad address, 6 unreachable (refused, timeout), 7 peer id mismatch, 1 other."})
public final class PingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MULTIADDR", description = "Peer address ending in /p2p/<peer id>,"
            + " e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...")
    String address;

    @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "3", description = "Pings to send (default 3).")
    int count;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up after this many seconds per step (default 10).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        Multiaddr addr = parse(address);
        if (count < 1 || count > 10_000) {
            throw new CliException(ExitCodes.USAGE, "--count must be between 1 and 10000");
        }
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        HostConfig base = HostConfig.defaults(List.of());
        HostConfig config = new HostConfig(List.of(), timeout, timeout, timeout, base.maxConnections(),
                base.maxConnectionsPerPeer(), base.maxConnectionsPerIp(), base.idleTimeout(), 1, base.agentVersion());
        // A throwaway identity: pinging should not need (or create) the node's key.
        try (P2pNode node = P2pNode.create(Identity.generate(new SecureRandom()), config)) {
            node.host().start();
            List<Duration> rtts = PingProtocol.ping(node.host(), addr, count, timeout);
            for (int i = 0; i < rtts.size(); i++) {
                System.out.printf(Locale.ROOT, "pong from %s: seq=%d time=%.2f ms%n", addr.peerId().orElseThrow(),
                        i + 1, rtts.get(i).toNanos() / 1e6);
            }
            double avg = rtts.stream().mapToLong(Duration::toNanos).average().orElse(0) / 1e6;
            System.out.printf(Locale.ROOT, "%d pings, average %.2f ms%n", rtts.size(), avg);
            return ExitCodes.OK;
        } catch (PingException | TransportException e) {
            throw classify(e);
        }
    }

    private static Multiaddr parse(String text) {
        try {
            Multiaddr addr = Multiaddr.parse(text);
            if (addr.peerId().isEmpty()) {
                throw new CliException(ExitCodes.BAD_INPUT, "address must end in /p2p/<peer id>: " + text);
            }
            if (addr.first(Protocol.TCP).isEmpty()) {
                throw new CliException(ExitCodes.BAD_INPUT, "only TCP addresses can be dialled: " + text);
            }
            return addr;
        } catch (MultiaddrException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad multiaddr: " + e.getMessage(), e);
        }
    }

    private static CliException classify(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PeerIdMismatchException) {
                return new CliException(ExitCodes.PEER_MISMATCH, t.getMessage(), e);
            }
            if (t instanceof TransportException) {
                return new CliException(ExitCodes.UNREACHABLE, t.getMessage(), e);
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int code = message.contains("timed out") ? ExitCodes.UNREACHABLE : ExitCodes.FAILURE;
        return new CliException(code, "ping failed: " + message, e);
    }
}
