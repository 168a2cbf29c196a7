package io.intinode.dht.providers;

import java.time.Duration;

/**
 * Provider record settings.
 *
 * @param recordTtl how long a received record lives unless its provider republishes it
 * @param republishInterval how often our node re-announces what it provides (well inside the TTL)
 * @param maxProvidersPerKey records kept per key; new providers beyond it are refused until some expire
 * @param maxRecordsPerPeer records one provider may hold in our store, so one peer cannot fill it
 */
public record ProviderConfig(Duration recordTtl, Duration republishInterval, int maxProvidersPerKey,
        int maxRecordsPerPeer) {
    public static final ProviderConfig DEFAULT =
            new ProviderConfig(Duration.ofHours(48), Duration.ofHours(22), 100, 100_000);

    public ProviderConfig {
        if (!recordTtl.isPositive() || !republishInterval.isPositive() || republishInterval.compareTo(recordTtl) >= 0
                || maxProvidersPerKey < 1 || maxRecordsPerPeer < 1) {
            throw new IllegalArgumentException("bad provider config: ttl " + recordTtl + ", republish "
                    + republishInterval + " (must be shorter), caps " + maxProvidersPerKey + "/" + maxRecordsPerPeer);
        }
    }
}
