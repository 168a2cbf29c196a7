package io.intinode.node.api;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks the running node's API over its Unix socket; for small JSON answers (the CLI's dht/peers/share). */
public final class ApiClient {
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private ApiClient() {}

    /** The status code and body of one answer. */
    public record Response(int status, String body) {}

    /** Thrown when no node answers on the socket. */
    public static final class NoNodeException extends RuntimeException {
        NoNodeException(Path socket, Throwable cause) {
            super("no node is running with its API at " + socket, cause);
        }
    }

    /**
     * Sends one request and waits for the answer, at most {@code timeout}.
     *
     * @throws NoNodeException when nothing listens on {@code dataDir/api.sock}
     */
    public static Response call(Path dataDir, HttpMethod method, String pathAndQuery, Duration timeout)
            throws InterruptedException {
        Path socket = dataDir.resolve(ApiServer.SOCKET_NAME);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel channel = null;
        try {
            CompletableFuture<Response> answer = new CompletableFuture<>();
            var connect = new Bootstrap().group(group).channel(NioDomainSocketChannel.class)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                            answer.complete(new Response(r.status().code(),
                                                    r.content().toString(StandardCharsets.UTF_8)));
                                            ctx.close();
                                        }

                                        @Override
                                        public void channelInactive(ChannelHandlerContext ctx) {
                                            answer.completeExceptionally(new IllegalStateException(
                                                    "the node closed the API connection without an answer"));
                                        }

                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            answer.completeExceptionally(cause);
                                            ctx.close();
                                        }
                                    });
                        }
                    }).connect(UnixDomainSocketAddress.of(socket)).await();
            if (!connect.isSuccess()) {
                throw new NoNodeException(socket, connect.cause());
            }
            channel = connect.channel();
            var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, pathAndQuery);
            request.headers().set(HttpHeaderNames.HOST, "localhost").set(HttpHeaderNames.CONTENT_LENGTH, 0);
            channel.writeAndFlush(request);
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("API call " + pathAndQuery + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the node did not answer " + pathAndQuery + " within " + timeout, e);
        } finally {
            if (channel != null) {
                channel.close().awaitUninterruptibly(); // before the loop stops, so no listener is left to run
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
