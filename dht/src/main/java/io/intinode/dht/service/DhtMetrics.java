package io.intinode.dht.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the DHT service: lookups and a histogram of their latency. Thread-safe. */
public final class DhtMetrics {
    /** Upper bounds (ms) of the latency buckets; the last bucket takes everything slower. */
    public static final long[] LATENCY_BOUNDS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
    private final LongAdder lookups = new LongAdder();
    private final LongAdder providesSent = new LongAdder();
    private final AtomicLongArray latency = new AtomicLongArray(LATENCY_BOUNDS_MS.length + 1);

    /** A point-in-time copy. {@code latencyBuckets[i]} counts lookups at most {@code LATENCY_BOUNDS_MS[i]} ms. */
    public record Snapshot(int routingTableSize, long providerRecords, long lookups, long providesSent,
            long[] latencyBuckets) {}

    void lookupDone(Duration took) {
        lookups.increment();
        long ms = took.toMillis();
        int i = 0;
        while (i < LATENCY_BOUNDS_MS.length && ms > LATENCY_BOUNDS_MS[i]) {
            i++;
        }
        latency.incrementAndGet(i);
    }

    void provideSent() {
        providesSent.increment();
    }

    Snapshot snapshot(int routingTableSize, long providerRecords) {
        long[] buckets = new long[latency.length()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = latency.get(i);
        }
        return new Snapshot(routingTableSize, providerRecords, lookups.sum(), providesSent.sum(), buckets);
    }
}
