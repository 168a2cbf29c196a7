package io.intinode.node.daemon;

import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identify.IdentifyService;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.ping.PingProtocol;
import io.intinode.p2p.yamux.YamuxMuxer;
import java.security.SecureRandom;

/** The node's libp2p stack, wired in one place: TCP, Noise, yamux, identify, ping. */
public record P2pNode(Host host, IdentifyService identify) implements AutoCloseable {

    /** Builds the host (not yet listening; call {@code host().start()}). */
    public static P2pNode create(Identity identity, HostConfig config) {
        SecureRandom random = new SecureRandom();
        Host host = new Host(identity, config, new NoiseTransport(identity, random), new YamuxMuxer());
        PingProtocol.install(host);
        return new P2pNode(host, IdentifyService.install(host));
    }

    @Override
    public void close() {
        host.close();
    }
}
