package io.intinode.node.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's local HTTP/1.1 API: always on a Unix domain socket ({@code api.sock} in the data dir, mode 0660,
 * so only the owner and its group reach it), optionally also on a loopback TCP port guarded by a bearer token.
 * Netty's NIO transport serves both (JDK Unix domain sockets; no native library). Closing it ends every
 * connection at once and interrupts the calls still running for them (a fetch stops; a peer download keeps its
 * partial file for the next start).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    public static final String SOCKET_NAME = "api.sock";
    /** Requests other than uploads ({@link BlobUploadHandler}, which streams) carry no body worth more than this. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** How long close waits for interrupted calls to finish (a store write to end) before it goes on. */
    static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final EventLoopGroup group;
    private final List<Channel> channels;
    /** Every accepted connection, so that close ends them itself rather than trusting the loop's shutdown. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /** The calls requests make (they block), one virtual thread each; close interrupts them. */
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("api-", 0)
            .factory());
    private final Path socket;

    private ApiServer(EventLoopGroup group, List<Channel> channels, Path socket) {
        this.group = group;
        this.channels = channels;
        this.socket = socket;
    }

    /**
     * Binds {@code dataDir/api.sock} (replacing a stale one left by a node that died) and, when given, the TCP
     * address, which then needs {@code Authorization: Bearer <token>}.
     */
    public static ApiServer start(Path dataDir, NodeApi api, Optional<TcpListen> tcp) throws IOException {
        Path socket = dataDir.resolve(SOCKET_NAME);
        Files.deleteIfExists(socket);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<Channel> channels = new ArrayList<>();
        ApiServer server = new ApiServer(group, channels, socket);
        try {
            channels.add(server.bind(NioServerDomainSocketChannel.class, UnixDomainSocketAddress.of(socket), api,
                    Optional.empty()));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            if (tcp.isPresent()) {
                channels.add(server.bind(NioServerSocketChannel.class, tcp.get().address(), api,
                        Optional.of(tcp.get().token())));
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The loopback TCP listener and the token its clients must present. */
    public record TcpListen(InetSocketAddress address, String token) {}

    /** Where the TCP listener is bound (its port when 0 was asked), if there is one. */
    public Optional<InetSocketAddress> tcpAddress() {
        return channels.size() > 1 ? Optional.of((InetSocketAddress) channels.get(1).localAddress()) : Optional.empty();
    }

    public Path socket() {
        return socket;
    }

    private Channel bind(Class<? extends io.netty.channel.ServerChannel> type, SocketAddress address, NodeApi api,
            Optional<String> token) throws IOException {
        var future = new ServerBootstrap().group(group).channel(type)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch); // leaves the group by itself when it closes
                        ch.pipeline().addLast(new HttpServerCodec(), new BlobUploadHandler(api, token, calls),
                                new OneShotAggregator(), new ChunkedWriteHandler(), new ApiHandler(api, token, calls));
                    }
                }).bind(address).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IOException("cannot listen on " + address + ": " + future.cause().getMessage(), future.cause());
        }
        return future.channel();
    }

    /** Netty's aggregator keeps a keep-alive connection open after a 413; we serve one request per connection. */
    private static final class OneShotAggregator extends HttpObjectAggregator {
        OneShotAggregator() {
            super(MAX_REQUEST_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ctx.writeAndFlush(ApiHandler.errorResponse(413, "request larger than " + MAX_REQUEST_BYTES + " bytes"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Stops accepting, ends every connection (clients see it closed at once, not at their timeout), interrupts
     * the calls in flight and waits for them at most {@link #STOP_WAIT}.
     */
    @Override
    public void close() {
        channels.forEach(c -> c.close().awaitUninterruptibly());
        connections.close().awaitUninterruptibly();
        calls.shutdownNow();
        boolean stopped;
        try {
            stopped = calls.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            log.warn("API calls still running {} s after they were interrupted; stopping without them",
                    STOP_WAIT.toSeconds());
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.debug("removing {}: {}", socket, e.getMessage());
        }
    }
}
