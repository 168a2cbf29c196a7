package io.intinode.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
    final SingleFlight<String, Integer> flight = new SingleFlight<>();

    @Test
    void aSecondCallerWaitsForTheFirstsResult() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = pool.submit(() -> flight.run("k", () -> {
                runs.incrementAndGet();
                started.countDown();
                await(release);
                return 1;
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(flight.isRunning("k")).isTrue();
            AtomicReference<Thread> waiter = new AtomicReference<>();
            Future<Integer> second = pool.submit(() -> {
                waiter.set(Thread.currentThread());
                return flight.run("k", () -> {
                    runs.incrementAndGet();
                    return 2;
                });
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (waiter.get() == null || waiter.get().getState() != Thread.State.WAITING) {
                assertThat(System.nanoTime()).as("second caller never waited").isLessThan(deadline);
                Thread.onSpinWait();
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(runs.get()).isEqualTo(1);
        assertThat(flight.isRunning("k")).isFalse();
    }

    @Test
    void failureIsThrownToTheCallerAndForgotten() {
        assertThatThrownBy(() -> flight.run("k", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(flight.isRunning("k")).isFalse();
        assertThat(flight.run("k", () -> 3)).isEqualTo(3);
    }

    @Test
    void differentKeysDoNotWait() {
        assertThat(flight.run("a", () -> flight.run("b", () -> 5))).isEqualTo(5);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
