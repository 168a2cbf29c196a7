package io.intinode.node.office;

import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.upgrade.Connection;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who is on this host's LAN: a peer found by mDNS (or configured as {@code lan-peer}) whose connection comes
 * from a loopback, link-local, RFC 1918 or IPv6 unique-local address. Both conditions, so neither a remote peer
 * that once answered mDNS nor any peer that merely connects from the subnet gets LAN-scope answers.
 */
public final class LanPeers {
    private final Supplier<Set<PeerId>> members;
    private final Function<PeerId, Optional<Connection>> connection;

    /**
     * @param members the peers marked as LAN peers (mDNS, config)
     * @param connection this host's current connection to a peer, if any
     */
    public LanPeers(Supplier<Set<PeerId>> members, Function<PeerId, Optional<Connection>> connection) {
        this.members = members;
        this.connection = connection;
    }

    /** Whether the peer behind this connection is a LAN peer. */
    public boolean isLan(Connection c) {
        return members.get().contains(c.remotePeer()) && isLanAddress(c.channel().remoteAddress());
    }

    /** Whether a peer is a LAN peer, judged by its current connection (none: not on the LAN). */
    public boolean isLan(PeerId peer) {
        return connection.apply(peer).map(this::isLan).orElse(false);
    }

    static boolean isLanAddress(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        InetAddress a = inet.getAddress();
        return a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || (a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC);
    }
}
