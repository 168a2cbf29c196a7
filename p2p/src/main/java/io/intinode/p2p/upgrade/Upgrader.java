package io.intinode.p2p.upgrade;

import io.intinode.p2p.core.MuxedSession;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.SecureSession;
import io.intinode.p2p.core.SecureTransport;
import io.intinode.p2p.core.StreamMuxer;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multistream.Dialer;
import io.intinode.p2p.multistream.Listener;
import io.intinode.p2p.multistream.MultistreamHandler;
import io.intinode.p2p.multistream.Negotiation;
import io.intinode.p2p.transport.TcpTransport;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Turns a raw connection into a {@link Connection}: multistream-select the security protocol, secure the
 * channel, multistream-select the muxer over it, start the muxer. The order lives here and only here;
 * security and muxer implementations know nothing of each other.
 */
public final class Upgrader {
    private final SecureTransport security;
    private final StreamMuxer muxer;
    private final Duration timeout;

    public Upgrader(SecureTransport security, StreamMuxer muxer, Duration timeout) {
        this.security = security;
        this.muxer = muxer;
        this.timeout = timeout;
    }

    /**
     * Starts the upgrade on {@code channel} (call on its event loop, or before it is registered). Inbound
     * streams go to {@code inbound} once the muxer runs. On failure or timeout the channel is closed.
     */
    public CompletableFuture<Connection> upgrade(Channel channel, boolean initiator, Optional<PeerId> expected,
            BiConsumer<Connection, MuxedStream> inbound) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        Connection[] connection = new Connection[1];
        MultistreamHandler securityNegotiation = new MultistreamHandler(negotiation(initiator, security.protocolId()),
                (ctx, protocol) -> security.secure(channel, initiator, expected,
                        secured -> negotiateMuxer(channel, initiator, secured, result, connection, inbound))
                        .whenComplete((s, e) -> {
                            if (e != null) {
                                result.completeExceptionally(e);
                            }
                        }));
        securityNegotiation.result().whenComplete((p, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            }
        });
        channel.pipeline().addLast("multistream-security", securityNegotiation);
        var timer = channel.eventLoop().schedule(() -> {
            if (result.completeExceptionally(new UpgradeException("connection upgrade timed out after "
                    + timeout.toMillis() + " ms"))) {
                channel.close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> result.completeExceptionally(
                new UpgradeException("connection closed during upgrade")));
        result.whenComplete((c, e) -> {
            timer.cancel(false);
            if (e != null) {
                channel.close();
            }
        });
        return result;
    }

    private void negotiateMuxer(Channel channel, boolean initiator, SecureSession secured,
            CompletableFuture<Connection> result, Connection[] connection, BiConsumer<Connection, MuxedStream> inbound) {
        MultistreamHandler muxerNegotiation = new MultistreamHandler(negotiation(initiator, muxer.protocolId()),
                (ctx, protocol) -> {
                    MuxedSession session = muxer.start(channel, initiator, s -> inbound.accept(connection[0], s));
                    connection[0] = new Connection(channel, secured.remotePeer(), session, initiator,
                            TcpTransport.toMultiaddr(channel.remoteAddress()));
                    result.complete(connection[0]);
                });
        muxerNegotiation.result().whenComplete((p, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            }
        });
        channel.pipeline().addLast("multistream-muxer", muxerNegotiation);
    }

    private static Negotiation negotiation(boolean initiator, String protocol) {
        return initiator ? new Dialer(List.of(protocol)) : new Listener(protocol::equals);
    }
}
