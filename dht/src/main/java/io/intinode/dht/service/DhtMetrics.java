package io.intinode.dht.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the DHT service: lookups and a histogram of their latency. Thread-safe. */
public final class DhtMetrics {
    /** Upper bounds (ms) of the latency buckets; the last bucket takes everything slower. */
    public static final long[] LATENCY_BOUNDS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
    private final LongAdder providesSent = new LongAdder();
    private final LongAdder latencySumNanos = new LongAdder();
    private final AtomicLongArray latency = new AtomicLongArray(LATENCY_BOUNDS_MS.length + 1);

    /**
     * A point-in-time copy. {@code latencyBuckets[i]} counts lookups of at most {@code LATENCY_BOUNDS_MS[i]} ms
     * (not cumulative; the last, lookups slower than every bound); {@code lookups} is their sum.
     */
    public record Snapshot(int routingTableSize, long providerRecords, long lookups, long providesSent,
            long[] latencyBuckets, long latencySumNanos) {}

    void lookupDone(Duration took) {
        long nanos = took.toNanos();
        int i = 0;
        while (i < LATENCY_BOUNDS_MS.length && nanos > LATENCY_BOUNDS_MS[i] * 1_000_000) {
            i++;
        }
        latencySumNanos.add(nanos);
        latency.incrementAndGet(i);
    }

    void provideSent() {
        providesSent.increment();
    }

    Snapshot snapshot(int routingTableSize, long providerRecords) {
        long[] buckets = new long[latency.length()];
        long lookups = 0;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = latency.get(i);
            lookups += buckets[i];
        }
        // counted from the buckets, so a scrape's total always matches its histogram
        return new Snapshot(routingTableSize, providerRecords, lookups, providesSent.sum(), buckets,
                latencySumNanos.sum());
    }
}
