package io.intinode.dht.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.Key;
import io.intinode.p2p.identity.PeerId;
import io.intinode.store.Digest;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hundred real DHT nodes on 127.0.0.1 in one JVM (Noise, yamux, mDNS off): each provides one blob and every
 * node finds every provider. Latency and hop figures are printed, not asserted: timing is a benchmark's job
 * (bench/dht/run); here lookups run concurrently, so latency includes queueing on a shared machine.
 */
@Timeout(180)
class DhtScaleIT {
    private static final int NODES = 100;
    /** Lookups in flight at once: enough to keep both cores busy, few enough not to time requests out. */
    private static final int IN_FLIGHT = 8;
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(20);

    private record Sample(int node, int blob, long nanos, int hops, int requests, boolean found) {}

    @Test
    void everyNodeFindsEveryProviderRecord() throws Exception {
        long t0 = System.nanoTime();
        try (LoopbackNetwork net = new LoopbackNetwork(NODES, DhtConfig.defaults())) {
            for (Dht d : net.dhts) {
                LoopbackNetwork.await(() -> d.routingTableSize() > 0, "a routing table entry");
            }
            long up = System.nanoTime();
            int[] tables = net.dhts.stream().mapToInt(Dht::routingTableSize).sorted().toArray();
            System.out.printf(Locale.ROOT, "%d nodes up in %.1f s (JVM CPU so far %.1f s), %d connections;"
                    + " routing table sizes min %d, median %d, max %d%n", NODES, (up - t0) / 1e9,
                    ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1e3,
                    net.hosts.stream().mapToInt(h -> h.connections().size()).sum() / 2, tables[0], tables[NODES / 2], tables[NODES - 1]);

            List<Key> keys = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                keys.add(blob("scale " + i));
            }
            int[] told = new int[NODES];
            runAll(NODES, i -> told[i] = net.dhts.get(i).provide(keys.get(i)));
            assertThat(told).as("peers told by each provide").doesNotContain(0);
            long provided = System.nanoTime();
            System.out.printf(Locale.ROOT, "%d provides in %.1f s%n", NODES, (provided - up) / 1e9);

            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            // pairs in a fixed random order, so load spreads over nodes and keys
            List<Integer> pairs = new ArrayList<>();
            for (int p = 0; p < NODES * NODES; p++) {
                pairs.add(p);
            }
            Collections.shuffle(pairs, new Random(4));
            runAll(pairs.size(), q -> {
                int node = pairs.get(q) / NODES;
                int blob = pairs.get(q) % NODES;
                PeerId provider = net.hosts.get(blob).peerId();
                long start = System.nanoTime();
                FoundProviders f = net.dhts.get(node).findProviders(keys.get(blob), 1, LOOKUP_TIMEOUT, p -> {});
                long took = System.nanoTime() - start;
                boolean found = f.providers().stream()
                        .anyMatch(p -> p.id().equals(provider) && !p.addrs().isEmpty());
                samples.add(new Sample(node, blob, took, f.hops(), f.requests(), found));
            });
            long looked = System.nanoTime();
            System.out.printf(Locale.ROOT, "%d find-providers in %.1f s, %d in flight%n", samples.size(),
                    (looked - provided) / 1e9, IN_FLIGHT);
            report("all lookups", List.copyOf(samples));
            report("lookups that went to the network", samples.stream().filter(s -> s.requests() > 0).toList());

            assertThat(samples).hasSize(NODES * NODES);
            assertThat(samples.stream().filter(s -> !s.found()).map(s -> "node " + s.node() + " blob " + s.blob()))
                    .as("lookups that did not find the provider").isEmpty();
        }
        System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private interface Job {
        void run(int i) throws Exception;
    }

    /** Runs {@code job(0..count-1)} on virtual threads, at most {@link #IN_FLIGHT} at once; rethrows a failure. */
    private static void runAll(int count, Job job) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                slots.acquire();
                int n = i;
                done.add(threads.submit(() -> {
                    try {
                        job.run(n);
                        return null;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (var f : done) {
                f.get(LOOKUP_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            }
        }
    }

    private static void report(String what, List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        TreeMap<Integer, Long> hopCounts = new TreeMap<>();
        samples.forEach(s -> hopCounts.merge(s.hops(), 1L, Long::sum));
        System.out.printf(Locale.ROOT,
                "%s (%d): latency median %.2f ms, p99 %.2f ms, max %.2f ms; hops median %d, p99 %d, max %d %s;"
                        + " requests mean %.1f%n",
                what, samples.size(), percentile(samples, Sample::nanos, 50) / 1e6,
                percentile(samples, Sample::nanos, 99) / 1e6, percentile(samples, Sample::nanos, 100) / 1e6,
                percentile(samples, Sample::hops, 50), percentile(samples, Sample::hops, 99),
                percentile(samples, Sample::hops, 100), hopCounts,
                samples.stream().mapToInt(Sample::requests).average().orElse(0));
    }

    private static long percentile(List<Sample> samples, ToLongFunction<Sample> value, int pct) {
        long[] sorted = samples.stream().mapToLong(value).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, sorted.length * pct / 100)];
    }

    private static Key blob(String text) throws Exception {
        return Key.ofBlob(Digest.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes())));
    }
}
