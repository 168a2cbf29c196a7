package io.intinode.dht.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DhtMetricsTest {
    @Test
    void aLookupFallsInTheFirstBucketWhoseBoundItDoesNotExceed() {
        DhtMetrics m = new DhtMetrics();
        m.lookupDone(Duration.ofMillis(1)); // exactly on a bound: that bucket
        m.lookupDone(Duration.ofNanos(1_000_001)); // just past it: the next
        m.lookupDone(Duration.ofMillis(7));
        m.lookupDone(Duration.ofSeconds(6)); // slower than every bound
        DhtMetrics.Snapshot s = m.snapshot(3, 5);
        assertThat(s.latencyBuckets()).containsExactly(1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(s.lookups()).isEqualTo(4);
        assertThat(s.latencySumNanos()).isEqualTo(1_000_000 + 1_000_001 + 7_000_000 + 6_000_000_000L);
        assertThat(s.routingTableSize()).isEqualTo(3);
        assertThat(s.providerRecords()).isEqualTo(5);
    }
}
