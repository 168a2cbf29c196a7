package io.intinode.node.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Takes {@code POST /v1/blobs[?digest=sha256:…]} off the aggregating pipeline: its body, a blob of any size,
 * streams with backpressure into {@link NodeApi#add} on a virtual thread instead of being gathered in memory.
 * The answer is {@code 201 {"digest":…,"size":…}}. Every other request passes on untouched.
 */
final class BlobUploadHandler extends ChannelInboundHandlerAdapter {
    /** Longest the node waits for the next bytes of an upload. */
    static final Duration IDLE = Duration.ofSeconds(60);

    private final NodeApi api;
    private final Optional<String> token;
    private final Executor calls;
    private BodyStream body; // event loop only: set while this connection's one request is an upload

    BlobUploadHandler(NodeApi api, Optional<String> token, Executor calls) {
        this.api = api;
        this.token = token;
        this.calls = calls;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (body == null && msg instanceof HttpRequest r && isUpload(r)) {
            start(ctx, r);
        }
        if (body == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (msg instanceof HttpContent c) {
                if (c.decoderResult().isFailure()) {
                    body.fail(new IOException("malformed upload: " + c.decoderResult().cause().getMessage()));
                } else {
                    body.append(c.content());
                    if (c instanceof LastHttpContent) {
                        body.finish();
                    }
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private static boolean isUpload(HttpRequest r) {
        return r.method().equals(HttpMethod.POST) && r.decoderResult().isSuccess()
                && new QueryStringDecoder(r.uri()).path().equals("/v1/blobs");
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        BodyStream in = new BodyStream(ctx.channel(), IDLE);
        body = in;
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
        long size = HttpUtil.getContentLength(request, -1L);
        boolean expectContinue = HttpUtil.is100ContinueExpected(request);
        ApiHandler.answer(ctx, calls, "POST /v1/blobs", () -> {
            ApiHandler.authorize(token, auth);
            Optional<io.intinode.store.Digest> digest = params.getOrDefault("digest", List.of()).stream().findFirst()
                    .map(ApiHandler::parseDigest);
            if (expectContinue) { // curl waits for this before sending a large body
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            ApiHandler.json(ctx, 201, api.add(in, digest, size));
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.fail(new IOException("the client closed the connection before the end of the upload"));
        }
        ctx.fireChannelInactive();
    }
}
