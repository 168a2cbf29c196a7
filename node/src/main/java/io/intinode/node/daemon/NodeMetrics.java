package io.intinode.node.daemon;

import io.intinode.dht.service.DhtMetrics;
import io.intinode.store.BlobInfo;
import io.intinode.transfer.resolve.ResolveListener;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The node's counters, fed by resolver-chain callbacks and the API, written in the Prometheus text format
 * (0.0.4). A handful of series, so a small writer instead of a metrics library.
 */
public final class NodeMetrics implements ResolveListener {
    private final Map<String, LongAdder> bytesBySource = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsBySource = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> resolvedBySource = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final AtomicLong activeTransfers = new AtomicLong();
    private final Map<String, LongSupplier> gauges;
    private final Supplier<DhtMetrics.Snapshot> dht;

    /**
     * @param gauges values read at each scrape, by metric name (e.g. connected peers, cache bytes)
     * @param dht the DHT's counters, read at each scrape
     */
    public NodeMetrics(Map<String, LongSupplier> gauges, Supplier<DhtMetrics.Snapshot> dht) {
        this.gauges = new TreeMap<>(gauges);
        this.dht = dht;
    }

    @Override
    public void bytes(String source, long count) {
        bytesBySource.computeIfAbsent(source, s -> new LongAdder()).add(count);
    }

    @Override
    public void failed(String source, String reason) {
        errorsBySource.computeIfAbsent(source, s -> new LongAdder()).increment();
    }

    @Override
    public void resolved(String source, BlobInfo blob) {
        resolvedBySource.computeIfAbsent(source, s -> new LongAdder()).increment();
    }

    /** A blob request found its blob in the cache ({@code true}) or had to resolve it. */
    public void lookup(boolean hit) {
        (hit ? hits : misses).increment();
    }

    /** Counts a transfer as running until the returned handle is closed. */
    public AutoCloseable transfer() {
        activeTransfers.incrementAndGet();
        return activeTransfers::decrementAndGet;
    }

    /** The exposition text. */
    public String scrape() {
        StringBuilder out = new StringBuilder();
        bySource(out, "intinode_resolve_bytes_total", "Content bytes received, by source.", bytesBySource);
        bySource(out, "intinode_resolve_errors_total", "Sources that failed to deliver a blob.", errorsBySource);
        bySource(out, "intinode_resolved_blobs_total", "Blobs delivered, by source.", resolvedBySource);
        single(out, "intinode_cache_hits_total", "counter", "Blob requests served from the cache.", hits.sum());
        single(out, "intinode_cache_misses_total", "counter", "Blob requests that had to be fetched.", misses.sum());
        single(out, "intinode_transfers_active", "gauge", "Blob fetches in progress.", activeTransfers.get());
        gauges.forEach((name, value) -> single(out, name, "gauge", name.replace('_', ' ') + ".", value.getAsLong()));
        dht(out, dht.get());
        return out.toString();
    }

    private static void dht(StringBuilder out, DhtMetrics.Snapshot m) {
        single(out, "intinode_dht_routing_table_peers", "gauge", "Peers in the DHT routing table.",
                m.routingTableSize());
        single(out, "intinode_dht_provider_records", "gauge", "Provider records stored, ours and other peers'.",
                m.providerRecords());
        single(out, "intinode_dht_lookups_total", "counter", "DHT lookups finished.", m.lookups());
        single(out, "intinode_dht_provides_sent_total", "counter", "ADD_PROVIDER messages delivered.",
                m.providesSent());
        String name = "intinode_dht_lookup_duration_seconds";
        out.append("# HELP ").append(name).append(" How long DHT lookups took.\n")
                .append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        long[] counts = m.latencyBuckets();
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            String le = i < DhtMetrics.LATENCY_BOUNDS_MS.length
                    ? BigDecimal.valueOf(DhtMetrics.LATENCY_BOUNDS_MS[i], 3).stripTrailingZeros().toPlainString()
                    : "+Inf";
            out.append(name).append("_bucket{le=\"").append(le).append("\"} ").append(cumulative).append('\n');
        }
        out.append(name).append("_sum ").append(BigDecimal.valueOf(m.latencySumNanos(), 9).toPlainString())
                .append('\n').append(name).append("_count ").append(cumulative).append('\n');
    }

    private static void bySource(StringBuilder out, String name, String help, Map<String, LongAdder> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n");
        // source names are stage names we choose ([a-z-]), so they need no label escaping
        new TreeMap<>(values).forEach((source, v) -> out.append(name).append("{source=\"").append(source)
                .append("\"} ").append(v.sum()).append('\n'));
    }

    private static void single(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(value).append('\n');
    }
}
