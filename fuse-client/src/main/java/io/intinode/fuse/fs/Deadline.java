package io.intinode.fuse.fs;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs blocking calls on virtual threads and gives up waiting after a deadline, so that a FUSE thread
 * (and the process in the kernel behind it) is never held by a hung source filesystem.
 */
final class Deadline implements AutoCloseable {
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * The task's result, or {@link TimeoutException} after {@code limit}; the task's own exception is
     * rethrown as is. A result that arrives after the caller gave up goes to {@code discardLate}.
     */
    <T> T call(Callable<T> task, Duration limit, Consumer<? super T> discardLate) throws Exception {
        // Whoever sets this first owns the result: the task (delivered in time) or the caller (gave up).
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> future = executor.submit(() -> {
            T result = task.call();
            if (!claimed.compareAndSet(false, true)) {
                discardLate.accept(result);
            }
            return result;
        });
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            if (!claimed.compareAndSet(false, true)) {
                return future.get(); // the task claimed its result a moment ago: take it after all
            }
            throw e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
