package io.intinode.p2p.core;

import io.intinode.p2p.identity.PeerId;
import io.netty.channel.Channel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A security protocol (e.g. Noise): authenticates the remote peer and encrypts the channel. Implementations
 * are stateless factories; the state of one handshake lives in the handlers they install.
 */
public interface SecureTransport {

    /** The multistream-select protocol id, e.g. {@code /noise}. */
    String protocolId();

    /**
     * Installs the handshake at the tail of {@code channel}'s pipeline (on its event loop). On success
     * {@code onSecured} runs on the event loop before any plaintext is passed on, so it can install the next
     * layer at the tail; then the returned future completes. On failure the channel is closed and the
     * future fails with {@link SecurityException}.
     *
     * @param expectedRemote the peer the dialler meant to reach; a different authenticated peer fails
     */
    CompletableFuture<SecureSession> secure(Channel channel, boolean initiator, Optional<PeerId> expectedRemote,
            Consumer<SecureSession> onSecured);
}
