package io.intinode.fuse.cli;

import io.intinode.node.api.ApiClient;
import io.intinode.store.Digest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens of the node's committed files, told to the node in batches ({@code POST /v1/cache/touch}) so that they
 * count for its eviction order: the node holds the store, the mount only opens its files, and noting an open
 * here takes no lock and no I/O. One virtual thread sends what gathered every interval; close sends the rest
 * once. A batch the node cannot take is dropped: eviction order is a hint, and a later open touches again.
 */
final class CacheTouches implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CacheTouches.class);
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** Longest one batch may take to send; close waits at most twice this. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Where batches go: {@link ApiClient#touch} in a mount. */
    interface Sink {
        /** Sends one batch of at most {@link ApiClient#MAX_TOUCHES} digests. */
        void touch(List<Digest> batch) throws InterruptedException;
    }

    private final Sink sink;
    private final Set<Digest> pending = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread sender;

    CacheTouches(Sink sink, Duration interval) {
        this.sink = sink;
        this.sender = Thread.ofVirtual().name("cache-touches").start(() -> run(interval));
    }

    /** Notes one open of the blob's committed file. */
    void opened(Digest digest) {
        pending.add(digest);
    }

    private void run(Duration interval) {
        try {
            while (!closing.await(interval.toMillis(), TimeUnit.MILLISECONDS)) { // until close
                send();
            }
            send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends every digest pending now, at most {@link ApiClient#MAX_TOUCHES} per request. */
    private void send() throws InterruptedException {
        for (int batches = pending.size() / ApiClient.MAX_TOUCHES + 1; batches > 0 && !pending.isEmpty(); batches--) {
            List<Digest> batch = new ArrayList<>();
            Iterator<Digest> it = pending.iterator();
            while (it.hasNext() && batch.size() < ApiClient.MAX_TOUCHES) {
                batch.add(it.next());
                it.remove();
            }
            try {
                sink.touch(batch);
            } catch (ApiClient.NoNodeException e) {
                log.debug("the node is gone; {} opens not counted for its eviction order", batch.size());
            } catch (ApiClient.CallFailedException e) {
                log.warn("cannot tell the node of {} opens of its cache files: {}", batch.size(), e.getMessage());
            }
        }
    }

    /** Sends what is pending (bounded by the request timeout) and stops. */
    @Override
    public void close() {
        closing.countDown();
        try {
            if (!sender.join(TIMEOUT.multipliedBy(2))) {
                sender.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
