package io.intinode.dht.mdns;

import java.time.Duration;
import java.util.Optional;

/**
 * mDNS discovery settings.
 *
 * @param serviceName the DNS-SD service peers announce under; peers with another name ignore each other
 * @param queryInterval how often we ask who is there (we also answer every query we hear)
 * @param interfaceName the one interface to use; empty for every up, multicast-capable, non-loopback one
 */
public record MdnsConfig(String serviceName, Duration queryInterval, Optional<String> interfaceName) {
    public static final String DEFAULT_SERVICE_NAME = "_p2p._udp.local";

    public MdnsConfig {
        if (!queryInterval.isPositive()) {
            throw new IllegalArgumentException("mDNS query interval must be positive: " + queryInterval);
        }
    }

    public static MdnsConfig defaults() {
        return new MdnsConfig(DEFAULT_SERVICE_NAME, Duration.ofSeconds(10), Optional.empty());
    }
}
