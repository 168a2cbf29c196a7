package io.intinode.transfer.resolve;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.transfer.TransferException;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * Finds a blob by asking stages in order until one delivers it, verified, into the store. The stages
 * are fixed and the chain may be shared; each call to {@link #resolve} walks it afresh, except that
 * callers asking for a digest already being resolved wait for that resolution (single flight) and share
 * its outcome; when it fails, a caller that brought webseed URLs it lacked walks the chain once itself.
 */
public final class ResolverChain {
    private final List<BlobResolver> stages;
    private final ConcurrentHashMap<Digest, Flight> inFlight = new ConcurrentHashMap<>();

    public ResolverChain(List<BlobResolver> stages) {
        this.stages = List.copyOf(stages);
    }

    /** The order of the sources, all in one place. */
    public static ResolverChain standard(BlobStore store, PeerSources peers, WebseedFetcher webseed) {
        return new ResolverChain(List.of(
                new CacheResolver(store),
                PeerResolver.lan(peers),
                PeerResolver.dht(peers),
                new WebseedResolver(webseed)));
    }

    /** Without a node there are no peers: the cache, then the webseed. */
    public static ResolverChain standard(BlobStore store, WebseedFetcher webseed) {
        return new ResolverChain(List.of(
                new CacheResolver(store),
                new WebseedResolver(webseed)));
    }

    public List<String> stageNames() {
        return stages.stream().map(BlobResolver::name).toList();
    }

    /**
     * Returns the blob's index entry once it is in the store.
     *
     * @throws BlobUnavailableException when no stage delivered, naming what each tried
     */
    public BlobInfo resolve(ResolveRequest request, ResolveListener listener) {
        Flight mine = new Flight(request, new CompletableFuture<>());
        Flight running = inFlight.putIfAbsent(request.digest(), mine);
        if (running == null) {
            return lead(mine, listener);
        }
        try {
            return awaitOther(request.digest(), running.outcome());
        } catch (BlobUnavailableException e) {
            if (running.request().urls().containsAll(request.urls())) {
                throw e;
            }
            // That walk lacked some of our URLs, so ours may still succeed: walk once ourselves, beside any
            // flight that started meanwhile (the downloader and the store keep two walks of a digest apart).
            return new Walk(request, listener, 0, new CopyOnWriteArrayList<>()).proceed();
        }
    }

    private BlobInfo lead(Flight mine, ResolveListener listener) {
        try {
            BlobInfo info = new Walk(mine.request(), listener, 0, new CopyOnWriteArrayList<>()).proceed();
            mine.outcome().complete(info);
            return info;
        } catch (RuntimeException e) {
            mine.outcome().completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(mine.request().digest(), mine);
        }
    }

    /** One resolution under way, and what it was asked (a later caller may bring URLs it lacked). */
    private record Flight(ResolveRequest request, CompletableFuture<BlobInfo> outcome) {}

    /** Single flight: a caller that finds the digest already being resolved shares that outcome. */
    private static BlobInfo awaitOther(Digest digest, CompletableFuture<BlobInfo> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted while waiting for " + digest);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new TransferException("resolving " + digest + " failed", e.getCause());
        }
    }

    /** One resolution's position in the chain; the list of reasons is shared along one walk. */
    private final class Walk implements BlobResolver.Chain {
        private final ResolveRequest request;
        private final ResolveListener listener;
        private final int index;
        private final List<String> reasons;

        Walk(ResolveRequest request, ResolveListener listener, int index, List<String> reasons) {
            this.request = request;
            this.listener = listener;
            this.index = index;
            this.reasons = reasons;
        }

        @Override
        public ResolveRequest request() {
            return request;
        }

        @Override
        public ResolveListener listener() {
            return listener;
        }

        @Override
        public void noteFailure(String reason) {
            String stage = stages.get(index - 1).name();
            reasons.add(stage + ": " + reason);
            listener.failed(stage, reason);
        }

        @Override
        public BlobInfo proceedAfterFailure(String reason) {
            noteFailure(reason);
            return proceed();
        }

        @Override
        public BlobInfo proceed() {
            if (index == stages.size()) {
                throw new BlobUnavailableException(request.digest(), reasons);
            }
            BlobResolver stage = stages.get(index);
            return stage.resolve(new Walk(request, listener, index + 1, reasons));
        }
    }
}
