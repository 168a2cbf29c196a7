package io.intinode.p2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.core.EmbeddedMuxerPair;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.MuxerException;
import io.intinode.p2p.testing.NoLeaks;
import io.intinode.p2p.yamux.YamuxMuxer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
class NegotiatedStreamTest {
    private final EmbeddedMuxerPair pair = new EmbeddedMuxerPair(new YamuxMuxer());

    @AfterEach
    void close() {
        pair.close();
    }

    /** Gathers text and end-of-stream events. */
    static final class Text implements MuxedStream.Listener {
        final StringBuilder text = new StringBuilder();
        boolean closed;
        MuxerException reset;

        @Override
        public void onData(MuxedStream s, ByteBuf data) {
            text.append(data.toString(StandardCharsets.UTF_8));
            data.release();
        }

        @Override
        public void onRemoteClose(MuxedStream s) {
            closed = true;
        }

        @Override
        public void onReset(MuxedStream s, MuxerException cause) {
            reset = cause;
        }
    }

    @Test
    void bytesSentRightAfterTheEchoReachTheProtocolListenerInOrder() {
        MuxedStream out = pair.dialer.openStream().join();
        CompletableFuture<NegotiatedStream> dialer = NegotiatedStream.negotiate(out,
                new Dialer(List.of("/a/1", "/b/1")), Duration.ofSeconds(5));
        pair.pump();
        CompletableFuture<NegotiatedStream> listener = NegotiatedStream.negotiate(
                pair.acceptedByListener.getFirst(), new Listener(Set.of("/b/1")::contains), Duration.ofSeconds(5));
        pair.pump();
        assertThat(listener).isCompleted();
        // The listener writes before its protocol code sets a listener on the dialler's side.
        listener.join().write(Unpooled.copiedBuffer("hello ", StandardCharsets.UTF_8));
        listener.join().write(Unpooled.copiedBuffer("world", StandardCharsets.UTF_8));
        listener.join().closeWrite();
        pair.pump();
        assertThat(dialer.join().protocol()).isEqualTo("/b/1");
        Text text = new Text();
        dialer.join().setListener(text);
        pair.pump();
        assertThat(text.text).hasToString("hello world");
        assertThat(text.closed).isTrue();
        dialer.join().closeWrite();
        pair.pump();
    }

    @Test
    void garbageOrNoCommonProtocolResetsTheStreamOnly() {
        MuxedStream out = pair.dialer.openStream().join();
        CompletableFuture<NegotiatedStream> dialer = NegotiatedStream.negotiate(out,
                new Dialer(List.of("/x/1")), Duration.ofSeconds(5));
        pair.pump();
        NegotiatedStream.negotiate(pair.acceptedByListener.getFirst(), new Listener(p -> false), Duration.ofSeconds(5));
        pair.pump();
        assertThat(dialer).isCompletedExceptionally();

        MuxedStream raw = pair.dialer.openStream().join();
        raw.write(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, 0x7f}));
        pair.pump();
        CompletableFuture<NegotiatedStream> victim = NegotiatedStream.negotiate(pair.acceptedByListener.get(1),
                new Listener(p -> true), Duration.ofSeconds(5));
        pair.pump();
        assertThat(victim).isCompletedExceptionally();
        assertThat(pair.dialerChannel.isOpen()).isTrue();
        assertThat(pair.listenerChannel.isOpen()).isTrue();
    }
}
