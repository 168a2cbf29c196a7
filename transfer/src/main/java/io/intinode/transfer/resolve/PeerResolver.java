package io.intinode.transfer.resolve;

import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.transfer.TransferException;
import io.intinode.transfer.download.ChunkSource;
import io.intinode.transfer.download.DownloadListener;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A stage that downloads the blob from peers (LAN peers, or DHT providers). It hedges: when no peer has
 * delivered a verified chunk within {@link PeerSources#hedgeDelay}, the rest of the chain (the webseed)
 * starts in parallel, and whichever delivers first wins; the other is cancelled, and what it kept of the blob
 * in the partial directory is deleted. An interrupted resolve (the node stopping) keeps it, to resume from.
 */
public final class PeerResolver implements BlobResolver {
    private final String name;
    private final Origin origin;
    private final Function<Digest, List<Provider>> lookup;
    private final PeerSources peers;

    private PeerResolver(String name, Origin origin, Function<Digest, List<Provider>> lookup, PeerSources peers) {
        this.name = name;
        this.origin = origin;
        this.lookup = lookup;
        this.peers = peers;
    }

    /** Asks the known LAN peers directly. */
    public static PeerResolver lan(PeerSources peers) {
        return new PeerResolver("lan", Origin.LAN_PEER, peers.finder()::lanPeers, peers);
    }

    /** Asks the providers a DHT lookup finds. */
    public static PeerResolver dht(PeerSources peers) {
        return new PeerResolver("dht", Origin.DHT_PEER, peers.finder()::dhtProviders, peers);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BlobInfo resolve(Chain chain) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
        Future<?> peerTask = tasks.submit(() -> events.add(finish(true, () -> fromPeers(chain, events))));
        Future<?> restTask = null;
        boolean delivered = false;
        try {
            boolean delivering = false;
            long hedgeAt = System.nanoTime() + peers.hedgeDelay().toNanos();
            boolean peerFailed = false;
            RuntimeException restFailure = null;
            while (true) {
                Event event = delivering || restTask != null
                        ? events.take()
                        : events.poll(hedgeAt - System.nanoTime(), TimeUnit.NANOSECONDS);
                switch (event) {
                    case null -> restTask = tasks.submit(() -> events.add(finish(false, chain::proceed)));
                    case Event.Delivering d -> delivering = true;
                    case Event.Finished f when f.error() == null -> {
                        delivered = true;
                        cancel(f.peer() ? restTask : peerTask);
                        return f.blob();
                    }
                    case Event.Finished f when f.peer() -> {
                        if (restTask == null) {
                            return chain.proceedAfterFailure(f.error().getMessage());
                        }
                        chain.noteFailure(f.error().getMessage());
                        peerFailed = true;
                        if (restFailure != null) {
                            throw restFailure;
                        }
                    }
                    case Event.Finished f -> {
                        if (peerFailed) {
                            throw f.error();
                        }
                        restFailure = f.error();
                    }
                }
            }
        } catch (InterruptedException e) {
            // Stopping, not losing to the webseed: the download's partial file stays for the next attempt.
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted while fetching " + chain.request().digest() + " from peers");
        } finally {
            tasks.shutdownNow();
            tasks.close();
            if (delivered && restTask != null) {
                // The loser's bytes (a peer download's or a webseed fetch's partial) are of no more use.
                peers.downloader().discard(chain.request().digest());
            }
        }
    }

    private BlobInfo fromPeers(Chain chain, BlockingQueue<Event> events) {
        ResolveRequest request = chain.request();
        List<ChunkSource> sources = lookup.apply(request.digest()).stream().map(peers.connect()).toList();
        if (sources.isEmpty()) {
            throw new TransferException("no peers");
        }
        AtomicBoolean started = new AtomicBoolean();
        DownloadListener progress = (source, bytes) -> {
            if (started.compareAndSet(false, true)) {
                events.add(Event.Delivering.INSTANCE);
            }
            chain.listener().bytes(name, bytes);
        };
        BlobInfo info = peers.downloader().download(request.digest(), request.size(), sources, origin, progress);
        chain.listener().resolved(name, info);
        return info;
    }

    private static Event finish(boolean peer, Supplier<BlobInfo> work) {
        try {
            return new Event.Finished(peer, work.get(), null);
        } catch (RuntimeException e) {
            return new Event.Finished(peer, null, e);
        }
    }

    private static void cancel(Future<?> task) {
        if (task != null) {
            task.cancel(true);
        }
    }

    private sealed interface Event {
        /** A peer delivered its first verified chunk: no hedging needed. */
        enum Delivering implements Event { INSTANCE }

        record Finished(boolean peer, BlobInfo blob, RuntimeException error) implements Event {}
    }
}
