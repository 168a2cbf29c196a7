package io.intinode.p2p.upgrade;

import io.intinode.p2p.core.MuxedSession;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.netty.channel.Channel;

/**
 * A fully upgraded connection: authenticated peer, multiplexed streams.
 *
 * @param initiator true when this side dialled
 */
public record Connection(Channel channel, PeerId remotePeer, MuxedSession session, boolean initiator,
        Multiaddr remoteAddr) {

    public boolean isOpen() {
        return channel.isOpen();
    }

    public void close() {
        session.close();
        channel.close();
    }

    @Override
    public String toString() {
        return (initiator ? "out " : "in ") + remoteAddr + "/p2p/" + remotePeer;
    }
}
