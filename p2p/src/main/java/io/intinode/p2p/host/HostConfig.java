package io.intinode.p2p.host;

import io.intinode.p2p.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a {@link Host}.
 *
 * @param listenAddrs TCP addresses to listen on (port 0 picks a free port); empty for a dial-only host
 * @param dialTimeout TCP connect timeout
 * @param upgradeTimeout security and muxer negotiation, after TCP connects
 * @param negotiationTimeout multistream-select on one stream
 * @param maxConnections all connections, both directions
 * @param maxConnectionsPerPeer connections to one peer (more than one only arises from simultaneous dials)
 * @param maxConnectionsPerIp inbound connections from one IP address
 * @param idleTimeout a connection without streams for this long is closed
 * @param ioThreads Netty event loop threads
 * @param agentVersion what identify reports as our agent
 */
public record HostConfig(List<Multiaddr> listenAddrs, Duration dialTimeout, Duration upgradeTimeout,
        Duration negotiationTimeout, int maxConnections, int maxConnectionsPerPeer, int maxConnectionsPerIp,
        Duration idleTimeout, int ioThreads, String agentVersion) {

    public HostConfig {
        listenAddrs = List.copyOf(listenAddrs);
        if (maxConnections <= 0 || maxConnectionsPerPeer <= 0 || maxConnectionsPerIp <= 0 || ioThreads <= 0) {
            throw new IllegalArgumentException("connection limits and ioThreads must be positive");
        }
    }

    public static HostConfig defaults(List<Multiaddr> listenAddrs) {
        return new HostConfig(listenAddrs, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(10),
                512, 2, 64, Duration.ofMinutes(2), 2, "intinode/0.1");
    }

    public HostConfig withIdleTimeout(Duration idle) {
        return new HostConfig(listenAddrs, dialTimeout, upgradeTimeout, negotiationTimeout, maxConnections,
                maxConnectionsPerPeer, maxConnectionsPerIp, idle, ioThreads, agentVersion);
    }

    public HostConfig withLimits(int total, int perPeer, int perIp) {
        return new HostConfig(listenAddrs, dialTimeout, upgradeTimeout, negotiationTimeout, total, perPeer, perIp,
                idleTimeout, ioThreads, agentVersion);
    }
}
