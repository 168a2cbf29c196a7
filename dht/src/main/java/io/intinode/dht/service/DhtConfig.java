package io.intinode.dht.service;

import io.intinode.dht.protocol.KadLimits;
import io.intinode.dht.providers.ProviderConfig;
import io.intinode.dht.query.LookupConfig;
import io.intinode.dht.routing.RoutingConfig;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the DHT service.
 *
 * @param protocolId the kad-dht protocol id; {@code /intinode/kad/1.0.0} keeps our network apart from IPFS's
 * @param bootstrap peers dialled at start and whenever the routing table empties ({@code /p2p/<id>} required)
 * @param maintenanceInterval how often stale buckets are refreshed, records purged and republished
 * @param verifyTimeout identify and ping of a new contact before it may enter the table
 */
public record DhtConfig(String protocolId, RoutingConfig routing, LookupConfig lookup, ProviderConfig providers,
        KadLimits limits, List<Multiaddr> bootstrap, Duration maintenanceInterval, Duration verifyTimeout) {
    public static final String DEFAULT_PROTOCOL_ID = "/intinode/kad/1.0.0";

    public DhtConfig {
        bootstrap = List.copyOf(bootstrap);
        if (protocolId == null || !protocolId.startsWith("/")) {
            throw new IllegalArgumentException("DHT protocol id must start with '/': " + protocolId);
        }
        for (Multiaddr a : bootstrap) {
            if (a.peerId().isEmpty()) {
                throw new IllegalArgumentException("bootstrap address needs a /p2p/<peer id>: " + a);
            }
        }
    }

    public static DhtConfig defaults() {
        return new DhtConfig(DEFAULT_PROTOCOL_ID, RoutingConfig.DEFAULT, LookupConfig.DEFAULT, ProviderConfig.DEFAULT,
                KadLimits.DEFAULT, List.of(), Duration.ofMinutes(1), Duration.ofSeconds(10));
    }

    public DhtConfig withProtocolId(String id) {
        return new DhtConfig(id, routing, lookup, providers, limits, bootstrap, maintenanceInterval, verifyTimeout);
    }

    public DhtConfig withMaintenanceInterval(Duration interval) {
        return new DhtConfig(protocolId, routing, lookup, providers, limits, bootstrap, interval, verifyTimeout);
    }

    public DhtConfig withProviders(ProviderConfig records) {
        return new DhtConfig(protocolId, routing, lookup, records, limits, bootstrap, maintenanceInterval, verifyTimeout);
    }

    public DhtConfig withBootstrap(List<Multiaddr> peers) {
        return new DhtConfig(protocolId, routing, lookup, providers, limits, peers, maintenanceInterval, verifyTimeout);
    }
}
