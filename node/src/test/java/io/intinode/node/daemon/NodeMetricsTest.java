package io.intinode.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
    @Test
    void countsBytesBySourceLookupsTransfersAndReadsGauges() throws Exception {
        NodeMetrics m = new NodeMetrics(Map.of("intinode_peers_connected", () -> 3));
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
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{source=\"[a-z-]+\"\\})? \\d+");
        }
    }
}
