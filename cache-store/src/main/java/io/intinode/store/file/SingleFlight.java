package io.intinode.store.file;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one call per key at a time: a caller that finds a call for its key running waits for that
 * call's result instead of doing the work again.
 */
final class SingleFlight<K, V> {
    private final ConcurrentHashMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    /**
     * Returns {@code work}'s result, or that of a call for the same key already running. If that other
     * call fails (its input may have been bad), this caller runs its own work. The loop ends because
     * each pass either runs the work itself or waits for a different call that then ends.
     */
    V run(K key, Supplier<V> work) {
        while (true) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> other = running.putIfAbsent(key, mine);
            if (other == null) {
                return lead(key, mine, work);
            }
            try {
                return other.join();
            } catch (CompletionException | CancellationException e) {
                // The other caller reports its own failure; ours may succeed with our input.
            }
        }
    }

    private V lead(K key, CompletableFuture<V> mine, Supplier<V> work) {
        try {
            V value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    boolean isRunning(K key) {
        return running.containsKey(key);
    }
}
