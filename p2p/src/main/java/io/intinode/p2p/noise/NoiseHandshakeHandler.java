package io.intinode.p2p.noise;

import io.intinode.p2p.core.PeerIdMismatchException;
import io.intinode.p2p.core.SecureSession;
import io.intinode.p2p.core.SecurityException;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Noise XX handshake on a channel (messages framed by a 2-byte length) and, once the remote is
 * authenticated, replaces itself with the transport frame codec, handing on any bytes read past the
 * last handshake message.
 */
final class NoiseHandshakeHandler extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(NoiseHandshakeHandler.class);

    private final XxHandshake handshake;
    private final byte[] payload;
    private final Optional<PeerId> expected;
    private final Consumer<SecureSession> onSecured;
    private final CompletableFuture<SecureSession> result = new CompletableFuture<>();
    private SecureSession session;

    NoiseHandshakeHandler(Identity identity, boolean initiator, X25519PrivateKeyParameters staticKey,
            X25519PrivateKeyParameters ephemeral, Optional<PeerId> expected, Consumer<SecureSession> onSecured) {
        this.handshake = new XxHandshake(initiator, staticKey, ephemeral, new byte[0]);
        this.payload = HandshakePayload.encode(identity, XxHandshake.publicKey(staticKey));
        this.expected = expected;
        this.onSecured = onSecured;
    }

    CompletableFuture<SecureSession> result() {
        return result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (handshake.isMyTurn()) { // the initiator opens with its ephemeral key and no payload
            send(ctx, handshake.writeMessage(new byte[0]));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (result.isDone() || in.readableBytes() < 2) {
            return;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (in.readableBytes() < 2 + length) {
            return;
        }
        byte[] message = new byte[length];
        in.skipBytes(2).readBytes(message);
        byte[] remotePayload = handshake.readMessage(message);
        if (handshake.messageIndex() >= 2) { // messages 2 and 3 carry the remote's identity
            session = HandshakePayload.verify(remotePayload, handshake.remoteStatic());
            if (expected.isPresent() && !expected.get().equals(session.remotePeer())) {
                throw new PeerIdMismatchException(expected.get(), session.remotePeer());
            }
        }
        if (!handshake.isComplete()) {
            send(ctx, handshake.writeMessage(payload));
        }
        if (handshake.isComplete()) {
            finish(ctx);
        }
    }

    private void finish(ChannelHandlerContext ctx) {
        CipherState[] ciphers = handshake.split();
        // Replace first so the next layer's first writes are encrypted; we are inside decode(), so the bytes
        // read past message 3 are handed on only after decode() returns, when onSecured has added that layer.
        ctx.pipeline().replace(this, "noise", new CombinedChannelDuplexHandler<>(
                new NoiseFrameDecoder(ciphers[1]), new NoiseFrameEncoder(ciphers[0])));
        onSecured.accept(session);
        result.complete(session);
    }

    private static void send(ChannelHandlerContext ctx, byte[] message) {
        ByteBuf frame = ctx.alloc().buffer(2 + message.length);
        frame.writeShort(message.length).writeBytes(message);
        ctx.writeAndFlush(frame);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        SecurityException failure = reason instanceof SecurityException n ? n
                : new NoiseException("Noise handshake failed: " + reason.getMessage(), reason);
        if (result.completeExceptionally(failure)) {
            log.info("closing {}: {}", ctx.channel().remoteAddress(), failure.getMessage());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.completeExceptionally(new NoiseException("connection closed during the Noise handshake"));
        super.channelInactive(ctx);
    }
}
