package io.intinode.node.daemon;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.service.Dht;
import io.intinode.dht.service.FoundProviders;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.upgrade.Connection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node's control socket ({@code node.sock} in the data dir, reachable only through the file
 * system): one command line per connection, answered with result lines and a final {@code end <code> <text>}.
 * Commands: {@code provide <key hex>}, {@code find-providers <key hex> <timeout ms> <max>},
 * {@code find-peer <peer id> <timeout ms>}, {@code peers}.
 */
public final class ControlServer implements AutoCloseable {
    public static final String SOCKET_NAME = "node.sock";
    /** Exit codes carried in the end line, as the CLI uses them. */
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 3;
    public static final int NOT_FOUND = 5;
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final int MAX_LINE = 4096;

    private final ServerSocketChannel server;
    private final Path socket;
    private final Host host;
    private final Dht dht;

    private ControlServer(ServerSocketChannel server, Path socket, Host host, Dht dht) {
        this.server = server;
        this.socket = socket;
        this.host = host;
        this.dht = dht;
    }

    /** Binds {@code dataDir/node.sock}; a stale socket left by a node that died is replaced. */
    public static ControlServer start(Path dataDir, Host host, Dht dht) throws IOException {
        Path socket = dataDir.resolve(SOCKET_NAME);
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        ControlServer c = new ControlServer(server, socket, host, dht);
        Thread.ofVirtual().name("control-accept").start(c::accept);
        return c;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread.ofVirtual().name("control").start(() -> serve(ch));
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("control socket accept failed: {}", e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Channels.newOutputStream(ch), true,
                StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null || line.length() > MAX_LINE) {
                out.println("end " + BAD_INPUT + " bad control request");
                return;
            }
            List<String> args = List.of(line.strip().split(" +"));
            try {
                end(out, run(args, out));
            } catch (RuntimeException e) {
                end(out, new Result(BAD_INPUT, e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end(out, new Result(FAILURE, "node is stopping"));
            }
        } catch (IOException e) {
            log.debug("control connection failed: {}", e.getMessage());
        }
    }

    private record Result(int code, String text) {}

    private static void end(PrintWriter out, Result r) {
        out.println("end " + r.code() + " " + r.text());
    }

    private Result run(List<String> args, PrintWriter out) throws InterruptedException {
        return switch (args.getFirst()) {
            case "provide" -> {
                int told = dht.provide(key(args.get(1)));
                yield new Result(OK, "announced to " + told + " peers");
            }
            case "find-providers" -> {
                FoundProviders f = dht.findProviders(key(args.get(1)), Integer.parseInt(args.get(3)),
                        Duration.ofMillis(Long.parseLong(args.get(2))), p -> out.println(line("provider", p)));
                yield f.providers().isEmpty() ? new Result(NOT_FOUND, "no providers found")
                        : new Result(OK, f.providers().size() + " providers");
            }
            case "find-peer" -> {
                Optional<PeerInfo> p = dht.findPeer(PeerId.parse(args.get(1)),
                        Duration.ofMillis(Long.parseLong(args.get(2))));
                p.ifPresent(found -> out.println(line("peer", found)));
                yield p.isPresent() ? new Result(OK, "found") : new Result(NOT_FOUND, "peer not found");
            }
            case "peers" -> {
                for (Connection c : host.connections()) {
                    String where = dht.lanPeers().contains(c.remotePeer()) ? "lan" : "wan";
                    out.println("connected " + c.remotePeer() + " " + where + " " + c.remoteAddr());
                }
                yield new Result(OK, "table " + dht.routingTableSize());
            }
            default -> new Result(BAD_INPUT, "unknown control command " + args.getFirst());
        };
    }

    private static Key key(String hex) {
        return Key.of(HexFormat.of().parseHex(hex));
    }

    private static String line(String kind, PeerInfo p) {
        return kind + " " + p.id() + " " + p.addrs().stream().map(Multiaddr::toString).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.debug("closing the control socket: {}", e.getMessage());
        }
    }
}
