package io.intinode.fuse.fs;

import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.transfer.stub.Stub;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Open cache files shared by every reader of the same blob, and the fetches that fill the cache: one
 * fetch per missing digest however many opens wait for it, each open bounded by a deadline. The lock
 * guards only map updates; fetches and file opens run outside it.
 */
public final class SharedBlobs implements AutoCloseable {
    private final BlobSource source;
    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Digest, CompletableFuture<Void>> fetches = new ConcurrentHashMap<>();
    private final Map<Digest, Shared> open = new HashMap<>(); // guarded by this
    private volatile boolean closed;

    public SharedBlobs(BlobSource source) {
        this.source = source;
    }

    /**
     * A lease on the stub's cache file, fetching it first when missing. Throws {@link BlobUnavailableException}
     * with the reason when the blob cannot be had within {@code deadline}.
     */
    public Lease acquire(Stub stub, Duration deadline) {
        Optional<Lease> lease = share(stub);
        if (lease.isPresent()) {
            return lease.get();
        }
        awaitFetch(stub, deadline);
        return share(stub).orElseThrow(() -> new BlobUnavailableException(
                stub.digest() + " was fetched but is no longer in the cache (evicted?)"));
    }

    private void awaitFetch(Stub stub, Duration deadline) {
        CompletableFuture<Void> fetch = joinOrStartFetch(stub);
        try {
            fetch.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new BlobUnavailableException("fetch of " + stub.digest() + " did not finish within " + deadline);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new BlobUnavailableException("fetch of " + stub.digest() + " failed: " + cause.getMessage(), cause);
        } catch (CancellationException e) {
            throw new BlobUnavailableException("fetch of " + stub.digest() + " cancelled: unmounting");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlobUnavailableException("interrupted while fetching " + stub.digest());
        }
    }

    /** The fetch in flight for the digest, or a new one; it leaves the map before it completes. */
    private CompletableFuture<Void> joinOrStartFetch(Stub stub) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = fetches.putIfAbsent(stub.digest(), mine);
        if (running != null) {
            return running;
        }
        if (closed) {
            fetches.remove(stub.digest(), mine);
            mine.cancel(false);
            return mine;
        }
        fetchers.execute(() -> {
            try {
                source.fetch(stub);
                fetches.remove(stub.digest(), mine); // before completing: a later open starts afresh
                mine.complete(null);
            } catch (Throwable e) {
                fetches.remove(stub.digest(), mine);
                mine.completeExceptionally(e);
            }
        });
        return mine;
    }

    private Optional<Lease> share(Stub stub) {
        Digest digest = stub.digest();
        synchronized (this) {
            Shared shared = open.get(digest);
            if (shared != null) {
                shared.refs++;
                return Optional.of(new Lease(shared));
            }
        }
        Optional<BlobHandle> handle = source.openCached(digest);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        if (handle.get().size() != stub.size()) {
            handle.get().close();
            throw new BlobUnavailableException("cached " + digest + " has " + handle.get().size()
                    + " bytes but the stub says " + stub.size());
        }
        synchronized (this) {
            Shared shared = open.get(digest);
            if (shared == null) {
                shared = new Shared(handle.get());
                open.put(digest, shared);
            } else {
                handle.get().close(); // another open won the race: share its file
            }
            shared.refs++;
            return Optional.of(new Lease(shared));
        }
    }

    private synchronized void release(Shared shared) {
        if (--shared.refs == 0) {
            open.remove(shared.handle.digest(), shared);
            shared.handle.close();
        }
    }

    /** Open cache files, for tests and status. */
    synchronized int openFiles() {
        return open.size();
    }

    /** Fails every waiting open at once (unmount must not wait for fetches) and closes all files. */
    @Override
    public void close() {
        closed = true;
        fetches.values().forEach(f -> f.cancel(true));
        fetchers.shutdownNow();
        synchronized (this) {
            open.values().forEach(s -> s.handle.close());
            open.clear();
        }
    }

    private static final class Shared {
        final BlobHandle handle;
        int refs; // guarded by SharedBlobs.this

        Shared(BlobHandle handle) {
            this.handle = handle;
        }
    }

    /** One open file's hold on a shared cache file. */
    public final class Lease implements OpenFile {
        private final Shared shared;
        private boolean released; // guarded by SharedBlobs.this

        private Lease(Shared shared) {
            this.shared = shared;
        }

        @Override
        public int read(ByteBuffer into, long offset) throws IOException {
            return OpenFile.readFully(shared.handle.channel(), into, offset);
        }

        @Override
        public void close() {
            synchronized (SharedBlobs.this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(shared);
        }
    }
}
