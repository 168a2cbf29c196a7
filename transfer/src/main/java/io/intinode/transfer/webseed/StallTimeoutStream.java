package io.intinode.transfer.webseed;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A response body as an InputStream whose reads fail when no bytes arrive for a while. The JDK's
 * {@code BodyHandlers.ofInputStream()} blocks forever on a stalled server; this one pulls one chunk
 * at a time from the body publisher and waits for it with a timeout, then cancels the exchange.
 */
final class StallTimeoutStream extends BulkInputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object COMPLETE = new Object();

    /** One chunk requested at a time, so a chunk and a terminal signal are the most ever queued. */
    private final BlockingQueue<Object> signals = new ArrayBlockingQueue<>(2);
    private final Supplier<Duration> patience;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Iterator<ByteBuffer> chunk = List.<ByteBuffer>of().iterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private boolean done;

    /** {@code patience} is asked before each wait: how long to wait for the next bytes. */
    StallTimeoutStream(Supplier<Duration> patience) {
        this.patience = patience;
    }

    /** The body is this stream, available as soon as the headers are in. */
    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        signals.add(item);
    }

    @Override
    public void onError(Throwable t) {
        signals.add(t);
    }

    @Override
    public void onComplete() {
        signals.add(COMPLETE);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    /** Makes {@code current} non-empty; false at the end of the body. */
    private boolean fill() throws IOException {
        while (!current.hasRemaining()) {
            if (chunk.hasNext()) {
                current = chunk.next();
                continue;
            }
            if (done) {
                return false;
            }
            Object signal = await();
            switch (signal) {
                case List<?> list -> {
                    @SuppressWarnings("unchecked")
                    List<ByteBuffer> buffers = (List<ByteBuffer>) list;
                    chunk = buffers.iterator();
                    subscription.request(1);
                }
                case Throwable t -> {
                    done = true;
                    throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
                }
                default -> done = true;
            }
        }
        return true;
    }

    private Object await() throws IOException {
        Duration wait = patience.get();
        try {
            Object signal = wait.isPositive() ? signals.poll(wait.toNanos(), TimeUnit.NANOSECONDS) : signals.poll();
            if (signal == null) {
                close();
                throw new HttpTimeoutException("no data from the server for " + wait.toMillis() + " ms");
            }
            return signal;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while waiting for data"); // no retry: the caller stops
        }
    }

    /** Cancels the exchange (the connection is dropped) unless the body was read to its end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (!done && s != null) {
            s.cancel();
        }
        done = true;
    }
}
