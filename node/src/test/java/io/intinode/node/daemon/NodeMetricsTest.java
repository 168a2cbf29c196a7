package io.intinode.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.service.DhtMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
    private static final DhtMetrics.Snapshot NO_DHT = new DhtMetrics.Snapshot(0, 0, 0, 0,
            new long[DhtMetrics.LATENCY_BOUNDS_MS.length + 1], 0);

    @Test
    void countsBytesBySourceLookupsTransfersAndReadsGauges() throws Exception {
        NodeMetrics m = new NodeMetrics(Map.of("intinode_peers_connected", () -> 3), () -> NO_DHT);
        m.bytes("webseed", 100);
        m.bytes("webseed", 23);
        m.bytes("lan", 7);
        m.failed("lan", "no peers");
        m.lookup(true);
        m.lookup(false);
        m.lookup(false);
        AutoCloseable running = m.transfer();
        String text = m.scrape();
        assertThat(text).contains("# TYPE intinode_resolve_bytes_total counter\n"
                + "intinode_resolve_bytes_total{source=\"lan\"} 7\n"
                + "intinode_resolve_bytes_total{source=\"webseed\"} 123\n");
        assertThat(text).contains("intinode_resolve_errors_total{source=\"lan\"} 1\n")
                .contains("intinode_cache_hits_total 1\n").contains("intinode_cache_misses_total 2\n")
                .contains("intinode_transfers_active 1\n").contains("intinode_peers_connected 3\n");
        running.close();
        assertThat(m.scrape()).contains("intinode_transfers_active 0\n");
        for (String line : m.scrape().split("\n")) { // every line is a comment or `name{labels} value`
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{(source|le)=\"[a-z0-9.+Inf-]+\"\\})? [0-9.]+");
        }
    }

    @Test
    void exportsTheDhtCountersAndLatencyAsAPrometheusHistogram() {
        long[] perBucket = new long[DhtMetrics.LATENCY_BOUNDS_MS.length + 1];
        perBucket[0] = 2; // <= 1 ms
        perBucket[3] = 1; // <= 10 ms
        perBucket[perBucket.length - 1] = 1; // slower than 5 s
        DhtMetrics.Snapshot dht = new DhtMetrics.Snapshot(17, 42, 4, 9, perBucket, 6_012_500_000L);
        String text = new NodeMetrics(Map.of(), () -> dht).scrape();
        assertThat(text).contains("# TYPE intinode_dht_routing_table_peers gauge\nintinode_dht_routing_table_peers 17\n")
                .contains("# TYPE intinode_dht_provider_records gauge\nintinode_dht_provider_records 42\n")
                .contains("# TYPE intinode_dht_lookups_total counter\nintinode_dht_lookups_total 4\n")
                .contains("intinode_dht_provides_sent_total 9\n")
                // buckets are cumulative, bounds in seconds, +Inf equals _count
                .contains("# TYPE intinode_dht_lookup_duration_seconds histogram\n"
                        + "intinode_dht_lookup_duration_seconds_bucket{le=\"0.001\"} 2\n"
                        + "intinode_dht_lookup_duration_seconds_bucket{le=\"0.002\"} 2\n"
                        + "intinode_dht_lookup_duration_seconds_bucket{le=\"0.005\"} 2\n"
                        + "intinode_dht_lookup_duration_seconds_bucket{le=\"0.01\"} 3\n"
                        + "intinode_dht_lookup_duration_seconds_bucket{le=\"0.02\"} 3\n")
                .contains("intinode_dht_lookup_duration_seconds_bucket{le=\"5\"} 3\n"
                        + "intinode_dht_lookup_duration_seconds_bucket{le=\"+Inf\"} 4\n"
                        + "intinode_dht_lookup_duration_seconds_sum 6.012500000\n"
                        + "intinode_dht_lookup_duration_seconds_count 4\n");
    }
}
