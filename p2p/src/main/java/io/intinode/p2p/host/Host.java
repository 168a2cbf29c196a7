package io.intinode.p2p.host;

import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.SecureTransport;
import io.intinode.p2p.core.StreamMuxer;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.Dialer;
import io.intinode.p2p.multistream.Listener;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.transport.TcpTransport;
import io.intinode.p2p.transport.TransportException;
import io.intinode.p2p.upgrade.Connection;
import io.intinode.p2p.upgrade.Upgrader;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p host: listens and dials over TCP, upgrades every connection (security, muxer), keeps one
 * connection per peer for all streams, negotiates protocols on streams and dispatches inbound ones to
 * the registered handlers.
 */
public final class Host implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Host.class);

    private final Identity identity;
    private final HostConfig config;
    private final ConnectionLimitPolicy limits;
    private final TcpTransport transport;
    private final Upgrader upgrader;
    private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<PeerId, CompletableFuture<Connection>> dialing = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> inboundPerIp = new ConcurrentHashMap<>();
    private final List<Channel> servers = new CopyOnWriteArrayList<>();
    private final List<Multiaddr> listenAddrs = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public Host(Identity identity, HostConfig config, SecureTransport security, StreamMuxer muxer) {
        this.identity = identity;
        this.config = config;
        this.limits = ConnectionLimitPolicy.of(config);
        this.transport = new TcpTransport(config.ioThreads());
        this.upgrader = new Upgrader(security, muxer, config.upgradeTimeout());
    }

    /** Binds every configured listen address; fails (and unbinds) if any cannot be bound. */
    public Host start() {
        try {
            for (Multiaddr addr : config.listenAddrs()) {
                Channel server = transport.listen(addr, inboundInitializer()).join();
                servers.add(server);
                listenAddrs.add(TcpTransport.toMultiaddr(server.localAddress()));
            }
        } catch (RuntimeException e) {
            close();
            throw e.getCause() instanceof TransportException t ? t : e;
        }
        return this;
    }

    public PeerId peerId() {
        return identity.peerId();
    }

    public Identity identity() {
        return identity;
    }

    public HostConfig config() {
        return config;
    }

    /**
     * The bound addresses (actual ports), without {@code /p2p}; a wildcard bind (0.0.0.0, ::) is listed as one
     * address per local interface, since that is what peers can dial.
     */
    public List<Multiaddr> listenAddrs() {
        return listenAddrs.stream().flatMap(a -> InterfaceAddrs.expand(a).stream()).distinct().toList();
    }

    public void setHandler(String protocolId, StreamHandler handler) {
        handlers.put(protocolId, handler);
    }

    public List<String> protocols() {
        return handlers.keySet().stream().sorted().toList();
    }

    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    public Optional<Connection> connection(PeerId peer) {
        return connections.stream().filter(c -> c.remotePeer().equals(peer) && c.isOpen()).findFirst();
    }

    /**
     * Connects to the peer at {@code addr}, reusing an open connection to it. If the address ends in
     * {@code /p2p/<id>}, a different peer at that address fails the dial with a peer id mismatch.
     */
    public CompletableFuture<Connection> connect(Multiaddr addr) {
        Optional<PeerId> expected = addr.peerId();
        if (expected.isPresent()) {
            Optional<Connection> existing = connection(expected.get());
            if (existing.isPresent()) {
                return CompletableFuture.completedFuture(existing.get());
            }
            // Not computeIfAbsent: a dial that fails at once would complete inside it and recurse into the map.
            CompletableFuture<Connection> mine = new CompletableFuture<>();
            CompletableFuture<Connection> pending = dialing.putIfAbsent(expected.get(), mine);
            if (pending != null) {
                return pending;
            }
            dial(addr, expected).whenComplete((c, e) -> {
                dialing.remove(expected.get(), mine);
                complete(mine, c, e);
            });
            return mine;
        }
        return dial(addr, Optional.empty());
    }

    private CompletableFuture<Connection> dial(Multiaddr addr, Optional<PeerId> expected) {
        if (closed) {
            return CompletableFuture.failedFuture(new HostException("host is closed"));
        }
        CompletableFuture<Connection> upgraded = new CompletableFuture<>();
        CompletableFuture<io.netty.channel.Channel> connected = transport.dial(addr, config.dialTimeout(),
                new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        upgrader.upgrade(ch, true, expected, Host.this::onInboundStream)
                                .thenApply(Host.this::register)
                                .whenComplete((c, e) -> complete(upgraded, c, e));
                    }
                });
        // A failed connect also closes the channel mid-upgrade; the connect error is the one worth reporting.
        return connected.thenCompose(ch -> upgraded);
    }

    private static <T> void complete(CompletableFuture<T> f, T value, Throwable e) {
        if (e != null) {
            f.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e);
        } else {
            f.complete(value);
        }
    }

    /** Opens a stream to the peer at {@code addr} and negotiates the first protocol of {@code protocols} it speaks. */
    public CompletableFuture<NegotiatedStream> newStream(Multiaddr addr, List<String> protocols) {
        return connect(addr).thenCompose(c -> newStream(c, protocols));
    }

    public CompletableFuture<NegotiatedStream> newStream(Connection connection, List<String> protocols) {
        return connection.session().openStream().thenCompose(s ->
                NegotiatedStream.negotiate(s, new Dialer(protocols), config.negotiationTimeout()));
    }

    private ChannelInitializer<Channel> inboundInitializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                InetAddress ip = ((InetSocketAddress) ch.remoteAddress()).getAddress();
                int fromIp = inboundPerIp.getOrDefault(ip, 0);
                Optional<String> refusal = closed ? Optional.of("host is closing")
                        : limits.refuseInbound(connections.size(), fromIp);
                if (refusal.isPresent()) {
                    log.info("refusing connection from {}: {}", ch.remoteAddress(), refusal.get());
                    ch.close();
                    return;
                }
                inboundPerIp.merge(ip, 1, Integer::sum);
                ch.closeFuture().addListener(f -> inboundPerIp.computeIfPresent(ip, (k, n) -> n > 1 ? n - 1 : null));
                upgrader.upgrade(ch, false, Optional.empty(), Host.this::onInboundStream)
                        .thenApply(Host.this::register)
                        .whenComplete((c, e) -> {
                            if (e != null) {
                                log.info("inbound connection from {} failed: {}", ch.remoteAddress(), e.getMessage());
                            }
                        });
            }
        };
    }

    /** Runs on the connection's event loop once the upgrade finished. */
    private Connection register(Connection c) {
        long toPeer = connections.stream().filter(o -> o.remotePeer().equals(c.remotePeer())).count();
        Optional<String> refusal = limits.refusePeer(connections.size(), (int) toPeer);
        if (refusal.isPresent() || closed) {
            c.close();
            throw new HostException("dropping connection to " + c.remotePeer() + ": "
                    + refusal.orElse("host is closing"));
        }
        connections.add(c);
        c.channel().closeFuture().addListener(f -> {
            connections.remove(c);
            listeners.forEach(l -> l.disconnected(c));
        });
        scheduleIdleCheck(c);
        log.debug("connected {}", c);
        listeners.forEach(l -> l.connected(c));
        return c;
    }

    private void scheduleIdleCheck(Connection c) {
        long periodMs = Math.max(50, config.idleTimeout().toMillis() / 4);
        IdlePolicy idle = new IdlePolicy(config.idleTimeout());
        var task = c.channel().eventLoop().scheduleAtFixedRate(() -> {
            if (idle.shouldClose(c.session().streamCount(), System.nanoTime())) {
                log.debug("closing idle connection {}", c);
                c.close();
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
        c.channel().closeFuture().addListener(f -> task.cancel(false));
    }

    private void onInboundStream(Connection connection, MuxedStream stream) {
        NegotiatedStream.negotiate(stream, new Listener(handlers::containsKey), config.negotiationTimeout())
                .whenComplete((s, e) -> {
                    if (e != null) {
                        log.debug("inbound stream from {} not negotiated: {}", connection.remotePeer(), e.getMessage());
                        return;
                    }
                    StreamHandler handler = handlers.get(s.protocol());
                    Thread.ofVirtual().name("stream-" + s.protocol()).start(() -> {
                        try {
                            handler.handle(connection, s);
                        } catch (Exception ex) {
                            log.info("{} handler for {} failed: {}", s.protocol(), connection.remotePeer(),
                                    ex.getMessage());
                            if (connection.isOpen()) {
                                s.reset();
                            }
                        }
                    });
                });
    }

    /** Closes every connection and listener and stops the event loops. */
    @Override
    public void close() {
        closed = true;
        servers.forEach(Channel::close);
        new ArrayList<>(connections).forEach(Connection::close);
        transport.close();
    }
}
