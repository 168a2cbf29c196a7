package io.intinode.node.office;

import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.upgrade.Connection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers {@code /intinode/office/1.0.0}: the real answer only to a LAN peer connected from a LAN address,
 * {@link OfficeAnswer#NOTHING} to anyone else (the same bytes a host announcing nothing sends), so a peer
 * outside the LAN cannot tell an office member from a non-participant.
 */
public final class OfficeServer {
    private final Predicate<PeerId> lanPeer;
    private final Supplier<OfficeAnswer> answer;

    /**
     * @param lanPeer whether a peer is a LAN peer (found by mDNS, or configured)
     * @param answer what this host announces to the LAN right now
     */
    public OfficeServer(Predicate<PeerId> lanPeer, Supplier<OfficeAnswer> answer) {
        this.lanPeer = lanPeer;
        this.answer = answer;
    }

    public void install(Host host) {
        host.setHandler(OfficeProtocol.PROTOCOL_ID, this::serve);
    }

    void serve(Connection connection, NegotiatedStream stream) throws IOException {
        OfficeAnswer a = mayKnow(connection) ? answer.get() : OfficeAnswer.NOTHING;
        try (OutputStream out = new MuxedStreamOutputStream(stream)) {
            out.write(OfficeCodec.encode(a));
        }
    }

    private boolean mayKnow(Connection connection) {
        return lanPeer.test(connection.remotePeer()) && isLanAddress(connection.channel().remoteAddress());
    }

    /** Loopback, link-local, RFC 1918 or IPv6 unique local (fc00::/7): addresses a LAN peer connects from. */
    static boolean isLanAddress(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        InetAddress a = inet.getAddress();
        return a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || (a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC);
    }
}
