package io.intinode.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobNotFoundException;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one HTTP request to the {@link NodeApi} on a virtual thread of the server's (the calls block; the event
 * loop never does) and writes the answer; every connection carries one request and is then closed. Errors are JSON
 * {@code {"error": "..."}} with a 4xx/5xx status.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final long MAX_TIMEOUT_MS = 600_000;
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(250);

    private final NodeApi api;
    private final Optional<String> token;
    private final Executor calls;

    /**
     * @param token the bearer token every request must carry, or empty (Unix socket: the file mode guards it)
     * @param calls runs each request's call (the server interrupts them when it stops)
     */
    ApiHandler(NodeApi api, Optional<String> token, Executor calls) {
        this.api = api;
        this.token = token;
        this.calls = calls;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpMethod method = request.method();
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String range = request.headers().get(HttpHeaderNames.RANGE);
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        boolean badRequest = request.decoderResult().isFailure();
        String body = request.content().toString(StandardCharsets.UTF_8); // the request is released on return
        answer(ctx, calls, method + " " + uri.path(), () -> {
            if (badRequest) {
                throw new ApiException(400, "malformed HTTP request");
            }
            authorize(token, auth);
            route(ctx, method, uri, Optional.ofNullable(range), body);
        });
    }

    /** What a request does; it writes its own answer, or throws for an error answer. */
    interface Action {
        void run() throws InterruptedException;
    }

    /**
     * Runs the action on {@code calls} (it may block) and answers its failure as a JSON error. A failure with
     * nobody left to answer (the client went away, or the server closed the connection to stop) is no warning.
     */
    static void answer(ChannelHandlerContext ctx, Executor calls, String what, Action action) {
        calls.execute(() -> {
            try {
                action.run();
            } catch (ApiException e) {
                error(ctx, e.status(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error(ctx, 503, "node is stopping");
            } catch (RuntimeException e) {
                if (ctx.channel().isActive()) {
                    log.warn("API {} failed", what, e);
                } else {
                    log.debug("API {} ended without its client: {}", what, e.toString());
                }
                error(ctx, 500, String.valueOf(e.getMessage()));
            }
        });
    }

    /** Refuses a request without the bearer token, when there is one to present (TCP). */
    static void authorize(Optional<String> token, String header) {
        if (token.isEmpty()) {
            return;
        }
        byte[] given = (header == null ? "" : header).getBytes(StandardCharsets.UTF_8);
        byte[] wanted = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, wanted)) { // constant time: no guessing the token byte by byte
            throw new ApiException(401, "missing or wrong bearer token");
        }
    }

    private void route(ChannelHandlerContext ctx, HttpMethod method, QueryStringDecoder uri, Optional<String> range,
            String body) throws InterruptedException {
        List<String> path = List.of(uri.path().replaceFirst("^/", "").split("/"));
        boolean get = method.equals(HttpMethod.GET);
        switch (path.size() == 1 ? path.getFirst() : path.get(0) + "/" + path.get(1)) {
            case "metrics" -> {
                requireGet(get, path.size() == 1);
                text(ctx, api.metrics());
            }
            case "v1/status" -> {
                requireGet(get, path.size() == 2);
                json(ctx, 200, api.status());
            }
            case "v1/peers" -> {
                requireGet(get, path.size() <= 3);
                if (path.size() == 2) {
                    json(ctx, 200, api.peers());
                } else {
                    json(ctx, 200, api.findPeer(path.get(2), timeout(uri))
                            .orElseThrow(() -> new ApiException(404, "peer not found: " + path.get(2))));
                }
            }
            case "v1/providers" -> {
                Digest digest = digest(path);
                if (method.equals(HttpMethod.POST)) {
                    json(ctx, 200, Map.of("announcedTo", api.provide(digest)));
                } else {
                    requireGet(get, true);
                    json(ctx, 200, api.providers(digest, intParam(uri, "max", 20, 1, 1000), timeout(uri)));
                }
            }
            case "v1/share" -> {
                if (path.size() == 3 && method.equals(HttpMethod.POST) && path.get(2).matches("on|off")) {
                    api.setSharing(path.get(2).equals("on"));
                } else {
                    requireGet(get, path.size() == 2);
                }
                json(ctx, 200, Map.of("share", api.sharing(), "status", api.shareStatus()));
            }
            case "v1/blobs" -> {
                if (!get && !method.equals(HttpMethod.HEAD)) {
                    throw new ApiException(405, method + " not allowed here (GET or HEAD; POST /v1/blobs adds)");
                }
                Digest digest = digest(path);
                List<String> urls = uri.parameters().getOrDefault("url", List.of());
                BlobHandle blob = api.blob(digest, sizeParam(uri), urls, shareParam(uri))
                        .orElseThrow(() -> new ApiException(404, "blob not found: " + digest));
                serveBlob(ctx, blob, range, get);
            }
            case "v1/cache" -> cache(ctx, method, uri, path, body);
            default -> throw new ApiException(404, "no such endpoint: " + uri.path());
        }
    }

    /**
     * {@code GET /v1/cache}; {@code POST /v1/cache/pin|unpin/<digest>}, {@code /v1/cache/gc?quota=},
     * {@code /v1/cache/verify}, {@code /v1/cache/touch} (body {@code {"digests":[...]}}).
     */
    private void cache(ChannelHandlerContext ctx, HttpMethod method, QueryStringDecoder uri, List<String> path,
            String body) {
        if (path.size() == 2) {
            requireGet(method.equals(HttpMethod.GET), true);
            json(ctx, 200, api.cache().listing());
            return;
        }
        if (!method.equals(HttpMethod.POST)) {
            throw new ApiException(405, "only POST is allowed here");
        }
        switch (path.size() == 3 ? path.get(2) : path.size() == 4 ? path.get(2) + "/" : "") {
            case "pin/", "unpin/" -> {
                Digest digest = parseDigest(path.get(3));
                boolean pin = path.get(2).equals("pin");
                try {
                    api.cache().pin(digest, pin);
                } catch (BlobNotFoundException e) {
                    throw new ApiException(404, "not in the cache: " + digest);
                }
                json(ctx, 200, Map.of("digest", digest.toString(), "pinned", pin));
            }
            case "gc" -> {
                List<String> quota = uri.parameters().getOrDefault("quota", List.of());
                json(ctx, 200, api.cache().gc(quota.isEmpty() ? OptionalLong.empty()
                        : OptionalLong.of(longParam(uri, "quota", 0, 0, Long.MAX_VALUE))));
            }
            case "verify" -> {
                if (boolParam(uri, "progress", false)) {
                    verifyWithProgress(ctx, api.cache());
                } else {
                    json(ctx, 200, api.cache().verify(n -> { }));
                }
            }
            case "touch" -> json(ctx, 200, Map.of("touched", api.cache().touch(touchedDigests(body))));
            default -> throw new ApiException(404,
                    "no such endpoint (cache: pin/<digest>, unpin/<digest>, gc, verify, touch)");
        }
    }

    /**
     * {@code POST /v1/cache/verify?progress=true}: NDJSON, one {@code {"progress":{"hashedBytes","totalBytes"}}}
     * line when it starts, at most {@link #PROGRESS_EVERY} apart while it hashes and when it ends, then one
     * {@code {"result":{...}}} line (or {@code {"error":"..."}}: the 200 went out before the failure was known).
     */
    private static void verifyWithProgress(ChannelHandlerContext ctx, CacheMaintenance cache) {
        long total = cache.store().usedBytes();
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-ndjson")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.write(head);
        long[] hashed = {0};
        long[] lastSent = {System.nanoTime()};
        Runnable sendProgress = () -> line(ctx, new ProgressLine(new Progress(hashed[0], Math.max(total, hashed[0]))));
        sendProgress.run();
        Object last;
        try {
            NodeApi.VerifyResult result = cache.verify(n -> {
                hashed[0] += n;
                if (System.nanoTime() - lastSent[0] >= PROGRESS_EVERY.toNanos()) {
                    lastSent[0] = System.nanoTime();
                    sendProgress.run();
                }
            });
            sendProgress.run();
            last = new ResultLine(result);
        } catch (RuntimeException e) {
            log.warn("API cache verify failed", e);
            last = Map.of("error", String.valueOf(e.getMessage()));
        }
        line(ctx, last);
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }

    /** The body of {@code POST /v1/cache/touch}: {@code {"digests": ["sha256:…", …]}}, at most 500. */
    private static List<Digest> touchedDigests(String body) {
        JsonNode digests;
        try {
            digests = JSON.readTree(body).path("digests");
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "want {\"digests\": [\"sha256:<64 hex>\", ...]}: " + e.getOriginalMessage());
        }
        if (!digests.isArray() || digests.size() > ApiClient.MAX_TOUCHES) {
            throw new ApiException(400, "want {\"digests\": [...]} with at most " + ApiClient.MAX_TOUCHES
                    + " digests");
        }
        List<Digest> out = new java.util.ArrayList<>(digests.size());
        digests.forEach(d -> out.add(parseDigest(d.asText())));
        return out;
    }

    record Progress(long hashedBytes, long totalBytes) {}

    record ProgressLine(Progress progress) {}

    record ResultLine(NodeApi.VerifyResult result) {}

    private static void line(ChannelHandlerContext ctx, Object value) {
        try {
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(JSON.writeValueAsString(value) + "\n",
                    StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value, e);
        }
    }

    /** {@code size=} (from the blob's stub), else unknown: a webseed fetch of known size resumes after a restart. */
    private static long sizeParam(QueryStringDecoder uri) {
        List<String> values = uri.parameters().get("size");
        if (values == null) {
            return BlobStore.Expected.UNKNOWN_SIZE;
        }
        try {
            if (values.size() == 1 && values.getFirst().matches("\\d{1,19}")) {
                return Long.parseLong(values.getFirst());
            }
        } catch (NumberFormatException tooLarge) {
            // answered below, as any other bad value
        }
        throw new ApiException(400, "size must be a number of bytes, once, got: " + values);
    }

    /** {@code share=false} (from a stub's {@code "share":false}): a fetched blob stays unshareable. */
    private static boolean shareParam(QueryStringDecoder uri) {
        return boolParam(uri, "share", true);
    }

    private static boolean boolParam(QueryStringDecoder uri, String name, boolean fallback) {
        List<String> values = uri.parameters().getOrDefault(name, List.of(String.valueOf(fallback)));
        if (values.size() != 1 || !values.getFirst().matches("true|false")) {
            throw new ApiException(400, name + " must be true or false, once, got: " + values);
        }
        return values.getFirst().equals("true");
    }

    private static void requireGet(boolean get, boolean pathOk) {
        if (!pathOk) {
            throw new ApiException(404, "no such endpoint");
        }
        if (!get) {
            throw new ApiException(405, "only GET is allowed here");
        }
    }

    private static Digest digest(List<String> path) {
        if (path.size() != 3) {
            throw new ApiException(404, "no such endpoint (want /v1/" + path.get(1) + "/sha256:<64 hex>)");
        }
        return parseDigest(path.get(2));
    }

    static Digest parseDigest(String text) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad digest: " + e.getMessage());
        }
    }

    private static Duration timeout(QueryStringDecoder uri) {
        return Duration.ofMillis(intParam(uri, "timeoutMs", 10_000, 1, MAX_TIMEOUT_MS));
    }

    private static int intParam(QueryStringDecoder uri, String name, int fallback, int min, long max) {
        return (int) longParam(uri, name, fallback, min, Math.min(max, Integer.MAX_VALUE));
    }

    private static long longParam(QueryStringDecoder uri, String name, long fallback, long min, long max) {
        List<String> values = uri.parameters().getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(values.getFirst());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, name + " must be a whole number from " + min + " to " + max + ": "
                + values.getFirst());
    }

    private static void serveBlob(ChannelHandlerContext ctx, BlobHandle blob, Optional<String> rangeHeader,
            boolean body) {
        long size = blob.size();
        ByteRange range = new ByteRange(0, size);
        HttpResponseStatus status = HttpResponseStatus.OK;
        switch (ByteRange.parse(rangeHeader, size)) {
            case ByteRange.Whole w -> { }
            case ByteRange.Part p -> {
                range = p.range();
                status = HttpResponseStatus.PARTIAL_CONTENT;
            }
            case ByteRange.Unsatisfiable u -> {
                blob.close();
                FullHttpResponse r = errorResponse(416, "range not satisfiable for a blob of " + size + " bytes");
                r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                .set(HttpHeaderNames.CONTENT_LENGTH, range.length())
                .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
                .set(HttpHeaderNames.ETAG, "\"" + blob.digest() + "\"")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (status == HttpResponseStatus.PARTIAL_CONTENT) {
            head.headers().set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(size));
        }
        if (!body) {
            blob.close();
            ctx.write(head);
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        FileChannel file;
        try {
            file = FileChannel.open(blob.path()); // own channel: ChunkedNioFile closes it; the handle stays open
            ctx.write(head);
            ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(file, range.offset(), range.length(), CHUNK_BYTES)))
                    .addListener(f -> blob.close()).addListener(ChannelFutureListener.CLOSE);
        } catch (IOException e) {
            blob.close();
            throw new ApiException(500, "cannot read " + blob.digest() + ": " + e.getMessage());
        }
    }

    private static void text(ChannelHandlerContext ctx, String body) {
        FullHttpResponse r = response(200, body, "text/plain; version=0.0.4; charset=utf-8");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    static void json(ChannelHandlerContext ctx, int status, Object value) {
        try {
            ctx.writeAndFlush(response(status, JSON.writeValueAsString(value) + "\n", "application/json"))
                    .addListener(ChannelFutureListener.CLOSE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value, e);
        }
    }

    private static void error(ChannelHandlerContext ctx, int status, String message) {
        ctx.writeAndFlush(errorResponse(status, message)).addListener(ChannelFutureListener.CLOSE);
    }

    static FullHttpResponse errorResponse(int status, String message) {
        return response(status, JSON.createObjectNode().put("error", message) + "\n", "application/json");
    }

    private static FullHttpResponse response(int status, String body, String type) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("API connection failed: {}", cause.getMessage());
        ctx.close();
    }
}
