package io.intinode.p2p.host;

import java.util.Optional;

/** Decides whether one more connection fits the limits; pure, counts are passed in. */
record ConnectionLimitPolicy(int maxTotal, int maxPerPeer, int maxPerIp) {

    static ConnectionLimitPolicy of(HostConfig config) {
        return new ConnectionLimitPolicy(config.maxConnections(), config.maxConnectionsPerPeer(),
                config.maxConnectionsPerIp());
    }

    /** Why an inbound TCP connection must be refused before any handshake, if it must. */
    Optional<String> refuseInbound(int total, int fromSameIp) {
        if (total >= maxTotal) {
            return Optional.of("connection limit reached (" + maxTotal + ")");
        }
        if (fromSameIp >= maxPerIp) {
            return Optional.of("per-IP connection limit reached (" + maxPerIp + ")");
        }
        return Optional.empty();
    }

    /** Why an authenticated connection must be dropped, if it must. */
    Optional<String> refusePeer(int total, int toSamePeer) {
        if (total >= maxTotal) {
            return Optional.of("connection limit reached (" + maxTotal + ")");
        }
        if (toSamePeer >= maxPerPeer) {
            return Optional.of("per-peer connection limit reached (" + maxPerPeer + ")");
        }
        return Optional.empty();
    }
}
