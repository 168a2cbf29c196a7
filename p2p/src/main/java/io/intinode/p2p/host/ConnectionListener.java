package io.intinode.p2p.host;

import io.intinode.p2p.upgrade.Connection;

/** Connection events; called on the connection's event loop, so they must not block. */
public interface ConnectionListener {
    default void connected(Connection connection) {}

    default void disconnected(Connection connection) {}
}
