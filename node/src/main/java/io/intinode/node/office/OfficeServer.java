package io.intinode.node.office;

import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.upgrade.Connection;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers {@code /intinode/office/1.0.0}: the real answer only to a LAN peer ({@link LanPeers}),
 * {@link OfficeAnswer#NOTHING} to anyone else (the same bytes a host announcing nothing sends), so a peer
 * outside the LAN cannot tell an office member from a non-participant.
 */
public final class OfficeServer {
    private final Predicate<Connection> lanPeer;
    private final Supplier<OfficeAnswer> answer;

    /**
     * @param lanPeer whether the peer on a connection is a LAN peer ({@link LanPeers#isLan(Connection)})
     * @param answer what this host announces to the LAN right now
     */
    public OfficeServer(Predicate<Connection> lanPeer, Supplier<OfficeAnswer> answer) {
        this.lanPeer = lanPeer;
        this.answer = answer;
    }

    public void install(Host host) {
        host.setHandler(OfficeProtocol.PROTOCOL_ID, this::serve);
    }

    void serve(Connection connection, NegotiatedStream stream) throws IOException {
        OfficeAnswer a = lanPeer.test(connection) ? answer.get() : OfficeAnswer.NOTHING;
        try (OutputStream out = new MuxedStreamOutputStream(stream)) {
            out.write(OfficeCodec.encode(a));
        }
    }
}
