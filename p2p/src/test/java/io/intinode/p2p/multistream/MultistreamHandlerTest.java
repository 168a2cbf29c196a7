package io.intinode.p2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.intinode.p2p.testing.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
class MultistreamHandlerTest {
    /** Collects what reaches the handler installed after negotiation. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        final List<String> received = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            received.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
    }

    static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        ByteBuf b;
        while ((b = from.readOutbound()) != null) {
            to.writeInbound(b);
        }
    }

    @Test
    void dialerAndListenerAgreeAndPassLeftoverBytesOn() {
        Sink dialerSink = new Sink();
        Sink listenerSink = new Sink();
        MultistreamHandler dh = new MultistreamHandler(new Dialer(List.of("/x", "/noise")),
                (ctx, p) -> ctx.pipeline().addAfter(ctx.name(), "next", dialerSink));
        MultistreamHandler lh = new MultistreamHandler(new Listener(Set.of("/noise")::contains),
                (ctx, p) -> ctx.pipeline().addAfter(ctx.name(), "next", listenerSink));
        EmbeddedChannel dialer = new EmbeddedChannel(dh);
        EmbeddedChannel listener = new EmbeddedChannel(lh);
        pump(dialer, listener); // header + /x
        pump(listener, dialer); // header + na
        pump(dialer, listener); // /noise
        // The listener's echo and its first protocol bytes arrive in one read.
        ByteBuf echo = listener.readOutbound();
        ByteBuf both = Unpooled.wrappedBuffer(echo, Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));
        dialer.writeInbound(both);
        assertThat(dh.result()).isCompletedWithValue("/noise");
        assertThat(lh.result()).isCompletedWithValue("/noise");
        assertThat(dialerSink.received).containsExactly("hello");
        assertThat(dialer.pipeline().get(MultistreamHandler.class)).isNull();
        assertThat(dialer.finishAndReleaseAll()).isFalse();
        assertThat(listener.finishAndReleaseAll()).isFalse();
    }

    @Test
    void garbageClosesTheChannelWithAFailedResult() {
        MultistreamHandler lh = new MultistreamHandler(new Listener(p -> true), (ctx, p) -> { });
        EmbeddedChannel listener = new EmbeddedChannel(lh);
        listener.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3}));
        assertThat(listener.isOpen()).isFalse();
        assertThat(lh.result()).isCompletedExceptionally();
        listener.finishAndReleaseAll();
    }

    @Test
    void truncatedInputWaitsThenCloseFailsTheResult() {
        MultistreamHandler lh = new MultistreamHandler(new Listener(p -> true), (ctx, p) -> { });
        EmbeddedChannel listener = new EmbeddedChannel(lh);
        listener.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x13, '/', 'm'}));
        assertThat(listener.isOpen()).isTrue();
        assertThat(lh.result()).isNotDone();
        listener.close();
        assertThat(lh.result()).isCompletedExceptionally();
        listener.finishAndReleaseAll();
    }
}
