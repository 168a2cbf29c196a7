package io.intinode.p2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.core.SecureSession;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import io.intinode.p2p.testing.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
class NoiseHandshakeHandlerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Identity alice = Identity.generate(RANDOM);
    private final Identity bob = Identity.generate(RANDOM);

    /** Gathers the plaintext that reaches the layer above Noise. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        final List<byte[]> received = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            received.add(bytes);
        }

        byte[] all() {
            int n = received.stream().mapToInt(a -> a.length).sum();
            byte[] out = new byte[n];
            int pos = 0;
            for (byte[] a : received) {
                System.arraycopy(a, 0, out, pos, a.length);
                pos += a.length;
            }
            return out;
        }
    }

    record Side(EmbeddedChannel channel, CompletableFuture<SecureSession> result, Sink sink) {}

    static Side side(Identity id, boolean initiator, Optional<PeerId> expected) {
        EmbeddedChannel ch = new EmbeddedChannel();
        Sink sink = new Sink();
        CompletableFuture<SecureSession> r = new NoiseTransport(id, RANDOM).secure(ch, initiator, expected,
                s -> ch.pipeline().addLast(sink));
        return new Side(ch, r, sink);
    }

    static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        ByteBuf b;
        while ((b = from.readOutbound()) != null) {
            to.writeInbound(b);
        }
    }

    static void exchange(Side a, Side b) {
        for (int i = 0; i < 4; i++) {
            pump(a.channel(), b.channel());
            pump(b.channel(), a.channel());
        }
    }

    @Test
    void handshakeAuthenticatesBothPeersAndCarriesLargeWrites() {
        Side a = side(alice, true, Optional.of(bob.peerId()));
        Side b = side(bob, false, Optional.empty());
        exchange(a, b);
        assertThat(a.result().join().remotePeer()).isEqualTo(bob.peerId());
        assertThat(b.result().join().remotePeer()).isEqualTo(alice.peerId());

        byte[] big = new byte[200_000]; // spans several 65535-byte frames
        new Random(1).nextBytes(big);
        a.channel().writeOutbound(Unpooled.wrappedBuffer(big));
        b.channel().writeOutbound(Unpooled.wrappedBuffer("pong".getBytes()));
        exchange(a, b);
        assertThat(b.sink().all()).isEqualTo(big);
        assertThat(a.sink().all()).isEqualTo("pong".getBytes());
        assertThat(a.channel().finishAndReleaseAll()).isFalse();
        assertThat(b.channel().finishAndReleaseAll()).isFalse();
    }

    @Test
    void bytesPipelinedAfterTheLastHandshakeMessageReachTheNextLayer() {
        Side a = side(alice, true, Optional.empty());
        Side b = side(bob, false, Optional.empty());
        pump(a.channel(), b.channel());
        pump(b.channel(), a.channel()); // a completes and sends message 3
        a.channel().writeOutbound(Unpooled.wrappedBuffer("early".getBytes()));
        ByteBuf third = a.channel().readOutbound();
        ByteBuf early = a.channel().readOutbound();
        b.channel().writeInbound(Unpooled.wrappedBuffer(third, early));
        assertThat(b.result()).isCompleted();
        assertThat(b.sink().all()).isEqualTo("early".getBytes());
        a.channel().finishAndReleaseAll();
        b.channel().finishAndReleaseAll();
    }

    @Test
    void peerIdMismatchClosesTheConnection() {
        Identity mallory = Identity.generate(RANDOM);
        Side a = side(alice, true, Optional.of(mallory.peerId()));
        Side b = side(bob, false, Optional.empty());
        exchange(a, b);
        assertThat(a.result()).isCompletedExceptionally();
        assertThatThrownBy(a.result()::join).hasMessageContaining("peer id mismatch")
                .hasMessageContaining(mallory.peerId().toString()).hasMessageContaining(bob.peerId().toString());
        assertThat(a.channel().isOpen()).isFalse();
        a.channel().finishAndReleaseAll();
        b.channel().finishAndReleaseAll();
    }

    @Test
    void garbageTruncatedAndTamperedInputCloseTheConnection() {
        Side garbage = side(bob, false, Optional.empty());
        garbage.channel().writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3}));
        assertThat(garbage.channel().isOpen()).isFalse();
        assertThat(garbage.result()).isCompletedExceptionally();
        garbage.channel().finishAndReleaseAll();

        Side truncated = side(bob, false, Optional.empty());
        truncated.channel().writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 32, 1, 2, 3}));
        assertThat(truncated.channel().isOpen()).isTrue();
        truncated.channel().close();
        assertThat(truncated.result()).isCompletedExceptionally();
        truncated.channel().finishAndReleaseAll();

        Side a = side(alice, true, Optional.empty());
        Side b = side(bob, false, Optional.empty());
        exchange(a, b);
        a.channel().writeOutbound(Unpooled.wrappedBuffer("secret".getBytes()));
        ByteBuf frame = a.channel().readOutbound();
        frame.setByte(5, frame.getByte(5) ^ 1);
        b.channel().writeInbound(frame);
        assertThat(b.channel().isOpen()).isFalse();
        assertThat(b.sink().received).isEmpty();
        a.channel().finishAndReleaseAll();
        b.channel().finishAndReleaseAll();
    }

    @Test
    void badSignatureIsRejected() {
        byte[] staticKey = new byte[32];
        RANDOM.nextBytes(staticKey);
        byte[] payload = HandshakePayload.encode(alice, staticKey);
        assertThat(HandshakePayload.verify(payload, staticKey).remotePeer()).isEqualTo(alice.peerId());
        byte[] otherKey = staticKey.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> HandshakePayload.verify(payload, otherKey))
                .isInstanceOf(NoiseException.class).hasMessageContaining("bad identity signature");
        assertThatThrownBy(() -> HandshakePayload.verify(new byte[] {0x0a, 0x7f}, staticKey))
                .hasMessageContaining("malformed handshake payload");
        assertThatThrownBy(() -> HandshakePayload.verify(new byte[0], staticKey))
                .hasMessageContaining("lacks identity key");
    }

    @Test
    void writesUntilFlushShareOneFrameAndUnflushedOnesFailOnClose() {
        Side a = side(alice, true, Optional.empty());
        Side b = side(bob, false, Optional.empty());
        exchange(a, b);
        a.channel().write(Unpooled.wrappedBuffer(new byte[12]));
        a.channel().write(Unpooled.wrappedBuffer(new byte[100]));
        a.channel().flush();
        ByteBuf frame = a.channel().readOutbound();
        assertThat(frame.readableBytes()).isEqualTo(2 + 112 + 16);
        assertThat((Object) a.channel().readOutbound()).isNull();
        b.channel().writeInbound(frame);
        assertThat(b.sink().all()).hasSize(112);

        var unflushed = a.channel().write(Unpooled.wrappedBuffer(new byte[10]));
        a.channel().close();
        assertThat(unflushed.isDone()).isTrue();
        assertThat(unflushed.isSuccess()).isFalse();
        a.channel().finishAndReleaseAll();
        b.channel().finishAndReleaseAll();
    }
}
