package io.intinode.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Negotiation} on a whole channel (for the security and muxer steps of the upgrade).
 * Once a protocol is selected it calls {@code onSelected}, which installs the next handler after this
 * one, then removes itself so bytes already read flow on to that handler.
 */
public final class MultistreamHandler extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(MultistreamHandler.class);

    private final Negotiation negotiation;
    private final BiConsumer<ChannelHandlerContext, String> onSelected;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private boolean started;

    public MultistreamHandler(Negotiation negotiation, BiConsumer<ChannelHandlerContext, String> onSelected) {
        this.negotiation = negotiation;
        this.onSelected = onSelected;
    }

    /** The selected protocol; fails when negotiation fails or the channel closes first. */
    public CompletableFuture<String> result() {
        return result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (!started) {
            started = true;
            send(ctx, negotiation.start());
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (result.isDone()) {
            return;
        }
        String message;
        while ((message = MultistreamCodec.decode(in)) != null) {
            Negotiation.Step step = negotiation.onMessage(message);
            send(ctx, step.send());
            if (step.selected().isPresent()) {
                String protocol = step.selected().get();
                onSelected.accept(ctx, protocol);
                result.complete(protocol);
                ctx.pipeline().remove(this);
                return;
            }
        }
    }

    private void send(ChannelHandlerContext ctx, List<String> messages) {
        for (String m : messages) {
            ctx.write(MultistreamCodec.encode(ctx.alloc(), m));
        }
        if (!messages.isEmpty()) {
            ctx.flush();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause.getCause() instanceof MultistreamException m ? m : cause;
        log.debug("multistream-select with {} failed: {}", ctx.channel().remoteAddress(), reason.getMessage());
        result.completeExceptionally(reason);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.completeExceptionally(new MultistreamException("connection closed during multistream-select"));
        super.channelInactive(ctx);
    }
}
