package io.intinode.p2p.noise;

import io.intinode.p2p.core.SecureSession;
import io.intinode.p2p.core.SecureTransport;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.netty.channel.Channel;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * libp2p's {@code /noise}: Noise_XX_25519_ChaChaPoly_SHA256 with the identity payload. One static Noise key
 * per transport (the identity signature binds it), a fresh ephemeral key per handshake.
 */
public final class NoiseTransport implements SecureTransport {
    public static final String PROTOCOL_ID = "/noise";

    private final Identity identity;
    private final SecureRandom random;
    private final X25519PrivateKeyParameters staticKey;

    public NoiseTransport(Identity identity, SecureRandom random) {
        this.identity = identity;
        this.random = random;
        this.staticKey = new X25519PrivateKeyParameters(random);
    }

    @Override
    public String protocolId() {
        return PROTOCOL_ID;
    }

    @Override
    public CompletableFuture<SecureSession> secure(Channel channel, boolean initiator, Optional<PeerId> expectedRemote,
            Consumer<SecureSession> onSecured) {
        NoiseHandshakeHandler handler = new NoiseHandshakeHandler(identity, initiator, staticKey,
                new X25519PrivateKeyParameters(random), expectedRemote, onSecured);
        channel.pipeline().addLast("noise-handshake", handler);
        return handler.result();
    }
}
