package io.intinode.node.api;

import io.intinode.store.Digest;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Asks the running node's API over its Unix socket with Netty's HTTP codec: small JSON answers
 * ({@link #call}), and blobs streamed both ways ({@link #send}) with backpressure and bounded waits. One
 * request per connection, as the server serves them; one client serves many requests (one event loop thread).
 */
public final class ApiClient implements AutoCloseable {
    private static final int MAX_JSON_BYTES = 16 * 1024 * 1024;
    private static final int UPLOAD_CHUNK_BYTES = 256 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Digests one {@link #touch} may carry (their JSON stays well below the API's 64 KiB request limit). */
    public static final int MAX_TOUCHES = 500;

    private final Path socket;
    private final EventLoopGroup group;

    private ApiClient(Path socket) {
        this.socket = socket;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("api-client", true),
                NioIoHandler.newFactory());
    }

    /** A client of the node whose data dir is {@code dataDir}; connects only when asked. */
    public static ApiClient open(Path dataDir) {
        return new ApiClient(dataDir.resolve(ApiServer.SOCKET_NAME));
    }

    /** The status code and body of one small answer. */
    public record Response(int status, String body) {}

    /**
     * The head of an answer and its body, streamed: read {@code body} to its end (a failure mid-way, or no bytes
     * for the idle timeout, is an IOException), then close.
     */
    public record Answer(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {
        /** The JSON error message of a 4xx/5xx answer (reads the body), or the bare status. */
        public String errorMessage() throws IOException {
            String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            try {
                return ApiHandler.JSON.readTree(text).path("error").asText("HTTP " + status);
            } catch (IOException e) {
                return "HTTP " + status;
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** A request body: {@code length} bytes (or -1: unknown, sent chunked) read from {@code in}. */
    public record Upload(InputStream in, long length) {}

    /** Thrown when no node answers on the socket. */
    public static final class NoNodeException extends RuntimeException {
        public NoNodeException(Path socket, Throwable cause) {
            super("no node is running with its API at " + socket, cause);
        }
    }

    /** Thrown when the node does not answer in time or the connection breaks before an answer. */
    public static final class CallFailedException extends RuntimeException {
        public CallFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends one request and waits for the answer, at most {@code timeout}: the client for small JSON answers.
     *
     * @throws NoNodeException when nothing listens on {@code dataDir/api.sock}
     */
    public static Response call(Path dataDir, HttpMethod method, String pathAndQuery, Duration timeout)
            throws InterruptedException {
        try (ApiClient client = open(dataDir)) {
            return client.call(method, pathAndQuery, timeout);
        }
    }

    /**
     * A client of the node serving {@code dataDir} when one answers its status request within {@code timeout};
     * empty when nothing listens on the socket. The caller closes the client.
     *
     * @throws CallFailedException when something listens but does not answer in time
     */
    public static Optional<ApiClient> openIfRunning(Path dataDir, Duration timeout) throws InterruptedException {
        ApiClient client = open(dataDir);
        try {
            client.call(HttpMethod.GET, "/v1/status", timeout);
            return Optional.of(client);
        } catch (NoNodeException e) {
            client.close();
            return Optional.empty();
        } catch (InterruptedException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * {@code /v1/blobs/<digest>?url=…}: the webseeds the node may use as its last resort, the size when known
     * ({@code size} -1: not; with it a webseed fetch resumes after a restart of the node), and {@code share=false}
     * when the blob's stub said so (else the node marks what it fetched shareable).
     */
    public static String blobPath(Digest digest, long size, List<String> urls, boolean shareable) {
        Stream<String> query = Stream.concat(size < 0 ? Stream.empty() : Stream.of("size=" + size),
                urls.stream().map(u -> "url=" + URLEncoder.encode(u, StandardCharsets.UTF_8)));
        String joined = Stream.concat(query, shareable ? Stream.empty() : Stream.of("share=false"))
                .collect(Collectors.joining("&"));
        return "/v1/blobs/" + digest + (joined.isEmpty() ? "" : "?" + joined);
    }

    /** {@link #call(Path, HttpMethod, String, Duration)} on this client. */
    public Response call(HttpMethod method, String pathAndQuery, Duration timeout) throws InterruptedException {
        try (Answer a = send(method, pathAndQuery, Map.of(), Optional.empty(), timeout, timeout)) {
            byte[] body = a.body().readNBytes(MAX_JSON_BYTES + 1);
            if (body.length > MAX_JSON_BYTES) {
                throw new CallFailedException("the node's answer to " + pathAndQuery + " is larger than "
                        + MAX_JSON_BYTES + " bytes", null);
            }
            return new Response(a.status(), new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CallFailedException("API call " + pathAndQuery + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@code POST /v1/cache/touch}: tells the node of reads of its committed files made elsewhere (a mount), so
     * that they count for its eviction order. Returns how many of the blobs the node still holds.
     *
     * @throws CallFailedException also when the node refuses the request
     */
    public int touch(List<Digest> digests, Duration timeout) throws InterruptedException {
        if (digests.size() > MAX_TOUCHES) {
            throw new IllegalArgumentException("at most " + MAX_TOUCHES + " digests, got " + digests.size());
        }
        byte[] body = ApiHandler.JSON.createObjectNode().set("digests", ApiHandler.JSON.valueToTree(
                digests.stream().map(Digest::toString).toList())).toString().getBytes(StandardCharsets.UTF_8);
        try (Answer a = send(HttpMethod.POST, "/v1/cache/touch", Map.of("Content-Type", "application/json"),
                Optional.of(new Upload(new java.io.ByteArrayInputStream(body), body.length)), timeout, timeout)) {
            if (a.status() != 200) {
                throw new CallFailedException("the node refused a touch: " + a.errorMessage(), null);
            }
            return ApiHandler.JSON.readTree(a.body().readNBytes(64 * 1024)).path("touched").asInt();
        } catch (IOException e) {
            throw new CallFailedException("API call /v1/cache/touch failed: " + e.getMessage(), e);
        }
    }

    /**
     * Sends one request (with {@code upload} as its body, if any) and returns once the head of the answer has
     * arrived, at most {@code headTimeout} after the request was sent; the body follows as a stream in which
     * no gap may exceed {@code idleTimeout}.
     *
     * @throws NoNodeException when nothing listens on the socket
     * @throws CallFailedException on a timeout or a connection that broke before the answer's head
     */
    public Answer send(HttpMethod method, String pathAndQuery, Map<String, String> headers, Optional<Upload> upload,
            Duration headTimeout, Duration idleTimeout) throws InterruptedException {
        ResponseReader reader = new ResponseReader(idleTimeout);
        ChannelFuture connect = new Bootstrap().group(group).channel(NioDomainSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                // A node may answer an upload early and close: the failed write must not close the channel
                // before the answer waiting in its socket is read (Netty handles a key's write before its read).
                .option(ChannelOption.AUTO_CLOSE, false)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), reader);
                    }
                }).connect(UnixDomainSocketAddress.of(socket)).await();
        if (!connect.isSuccess()) {
            throw new NoNodeException(socket, connect.cause());
        }
        Channel channel = connect.channel();
        try {
            HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, pathAndQuery);
            request.headers().set(HttpHeaderNames.HOST, "localhost");
            headers.forEach(request.headers()::set);
            Sent sent = new Sent(0, true);
            if (upload.isEmpty()) {
                request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                channel.writeAndFlush(request);
                channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                sent = writeUpload(channel, request, upload.get(), idleTimeout, reader);
            }
            HttpResponse head = reader.head.get(headTimeout.toNanos(), TimeUnit.NANOSECONDS);
            int status = head.status().code();
            if (!sent.complete() && status / 100 == 2) { // an early error is an answer; early success is a lie
                channel.close();
                long length = upload.orElseThrow().length();
                throw new CallFailedException("the node answered " + status + " before it had the whole upload ("
                        + sent.bytes() + (length >= 0 ? " of " + length : "") + " bytes sent)", null);
            }
            return new Answer(status, head.headers(), reader.body);
        } catch (ExecutionException e) {
            channel.close();
            throw new CallFailedException("API call " + pathAndQuery + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            channel.close();
            throw new CallFailedException("the node did not answer " + pathAndQuery + " within " + headTimeout, e);
        } catch (InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** How much of an upload the node took: its bytes, and whether the whole of it (the end included). */
    private record Sent(long bytes, boolean complete) {}

    /**
     * Writes the body from this (blocking) thread, never the event loop, one chunk at a time, each write waited
     * for (the socket's own backpressure). A node that answers early (an error) ends the upload.
     */
    private static Sent writeUpload(Channel channel, HttpRequest request, Upload upload, Duration idle,
            ResponseReader reader) throws InterruptedException {
        if (upload.length() >= 0) {
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, upload.length());
        } else {
            request.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!write(channel, request, idle)) {
            return new Sent(0, false);
        }
        byte[] chunk = new byte[UPLOAD_CHUNK_BYTES];
        long bytes = 0;
        try {
            int n;
            while (!reader.head.isDone() && (n = upload.in().read(chunk)) > 0) {
                if (!write(channel, new DefaultHttpContent(Unpooled.copiedBuffer(chunk, 0, n)), idle)) {
                    return new Sent(bytes, false);
                }
                bytes += n;
            }
        } catch (IOException e) {
            throw new CallFailedException("cannot read what to upload: " + e.getMessage(), e);
        }
        boolean ended = !reader.head.isDone() && write(channel, LastHttpContent.EMPTY_LAST_CONTENT, idle);
        // With a Content-Length the node has the whole body once its bytes are in; chunked, once the end is.
        return new Sent(bytes, upload.length() >= 0 ? bytes == upload.length() : ended);
    }

    /** False when the node closed the connection (its answer, if any, is then in the reader). */
    private static boolean write(Channel channel, HttpObject message, Duration idle) throws InterruptedException {
        ChannelFuture f = channel.writeAndFlush(message);
        if (!f.await(idle.toMillis())) {
            throw new CallFailedException("the node took no data for " + idle, null);
        }
        return f.isSuccess();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Hands the answer's head to the caller and its content to a {@link BodyStream}. */
    private static final class ResponseReader extends SimpleChannelInboundHandler<HttpObject> {
        final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
        private final Duration idle;
        BodyStream body;

        ResponseReader(Duration idle) {
            this.idle = idle;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            body = new BodyStream(ctx.channel(), idle);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg.decoderResult().isFailure()) {
                IOException bad = new IOException("malformed answer from the node: " + msg.decoderResult().cause());
                head.completeExceptionally(bad);
                body.fail(bad);
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse r) {
                head.complete(r);
            }
            if (msg instanceof HttpContent c) {
                body.append(c.content());
                if (c instanceof LastHttpContent) {
                    body.finish();
                    ctx.close();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IOException closed = new IOException("the node closed the API connection before the end of its answer");
            head.completeExceptionally(closed);
            body.fail(closed); // after finish() this is never read
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            head.completeExceptionally(cause);
            body.fail(cause);
            ctx.close();
        }
    }
}
