package io.intinode.dht.routing;

import java.time.Duration;

/**
 * Routing table settings.
 *
 * @param bucketSize k: contacts per bucket (the kad-dht spec's replication parameter, 20)
 * @param replacementCacheSize verified contacts kept per full bucket to replace ones that stop answering
 * @param maxPerSubnet contacts per bucket from one IPv4 /24 or IPv6 /48, for peers outside the LAN
 * @param refreshInterval a bucket not looked up for this long is due for a refresh
 * @param maxRefreshCommonPrefix highest bucket refreshed with a random key (finding one takes ~2^cpl hashes)
 */
public record RoutingConfig(int bucketSize, int replacementCacheSize, int maxPerSubnet, Duration refreshInterval,
        int maxRefreshCommonPrefix) {
    public static final RoutingConfig DEFAULT = new RoutingConfig(20, 10, 2, Duration.ofMinutes(10), 15);

    public RoutingConfig {
        if (bucketSize < 1 || replacementCacheSize < 0 || maxPerSubnet < 1 || refreshInterval.isNegative()
                || maxRefreshCommonPrefix < 0) {
            throw new IllegalArgumentException("bad routing config: " + bucketSize + "/" + replacementCacheSize
                    + "/" + maxPerSubnet + "/" + refreshInterval + "/" + maxRefreshCommonPrefix);
        }
    }
}
