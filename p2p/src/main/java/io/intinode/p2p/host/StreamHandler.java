package io.intinode.p2p.host;

import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.upgrade.Connection;

/** Serves one protocol on inbound streams. Called on a virtual thread, so it may block. */
@FunctionalInterface
public interface StreamHandler {
    void handle(Connection connection, NegotiatedStream stream) throws Exception;
}
