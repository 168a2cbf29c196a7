package io.intinode.transfer.download;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.download.ChunkScheduler.Step;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one blob from several {@link ChunkSource}s at once: takes a chunk list from one source,
 * fetches chunks in parallel on virtual threads as the {@link ChunkScheduler} decides, verifies each
 * chunk as it arrives, writes it to a {@link PartialBlob}, and finally commits the file through the
 * store's verified ingest (size and SHA-256 of the whole blob). If that check fails, the chunk list
 * was false: its source is banned and the download starts over from another source's list, keeping the
 * chunks that verify against the new one.
 *
 * <p>The partial download stays on disk when interrupted, and the next call continues from it. Beside a webseed
 * fetch writing the digest's partial (hedging), it downloads into a scratch partial instead, deleted at the end.
 */
public final class Downloader {
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);
    private final BlobStore store;
    private final PartialArea partials;
    private final DownloadConfig config;
    private final BanList bans;
    private final InstantSource clock;

    /** Downloads of one digest share its partial with each other and with webseed fetches: they take turns. */
    public Downloader(BlobStore store, PartialArea partials, DownloadConfig config, BanList bans, InstantSource clock) {
        this.store = store;
        this.partials = partials;
        this.config = config;
        this.bans = bans;
        this.clock = clock;
    }

    /** A downloader with partial downloads of its own in {@code partialDir}. */
    public Downloader(BlobStore store, Path partialDir, DownloadConfig config, BanList bans, InstantSource clock) {
        this(store, new PartialArea(partialDir), config, bans, clock);
    }

    /**
     * Returns the committed blob's entry.
     *
     * @param size the expected size, or {@link BlobStore.Expected#UNKNOWN_SIZE}
     * @throws DownloadException when no source delivered, naming what happened with each
     * @throws DownloadInterruptedException when the thread was interrupted (the partial file is kept)
     */
    public BlobInfo download(Digest digest, long size, List<ChunkSource> sources, Origin origin,
            DownloadListener listener) {
        ReentrantLock lock = partials.lock(digest);
        if (!lock.tryLock() && partials.heldBySequential(digest)) {
            return downloadHedged(digest, size, sources, origin, listener);
        }
        if (!lock.isHeldByCurrentThread()) {
            lockInterruptibly(lock, digest);
        }
        try {
            return downloadLocked(partials.dir(), digest, size, sources, origin, listener);
        } finally {
            lock.unlock();
        }
    }

    /** Beside a webseed fetch that writes the partial: in a scratch partial of our own, not kept. */
    private BlobInfo downloadHedged(Digest digest, long size, List<ChunkSource> sources, Origin origin,
            DownloadListener listener) {
        ReentrantLock lock = partials.hedgedLock(digest);
        lockInterruptibly(lock, digest);
        try {
            return downloadLocked(partials.hedgedDir(), digest, size, sources, origin, listener);
        } finally {
            try {
                PartialBlob.discard(partials.hedgedDir(), digest);
            } finally {
                lock.unlock();
            }
        }
    }

    private static void lockInterruptibly(ReentrantLock lock, Digest digest) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadInterruptedException(digest);
        }
    }

    /** Deletes the partial of {@code digest}, a peer download's or a webseed fetch's (another source delivered it). */
    public void discard(Digest digest) {
        ReentrantLock lock = partials.lock(digest);
        lock.lock();
        try {
            PartialBlob.discard(partials.dir(), digest);
        } finally {
            lock.unlock();
        }
    }

    private BlobInfo downloadLocked(Path partialDir, Digest digest, long size, List<ChunkSource> sources, Origin origin,
            DownloadListener listener) {
        Map<String, ChunkSource> byName = new LinkedHashMap<>();
        sources.forEach(s -> byName.put(s.name(), s));
        List<String> reasons = new ArrayList<>();
        for (ChunkSource listSource : byName.values()) {
            if (bans.banned(listSource.name(), clock.instant())) {
                continue;
            }
            ChunkList list = chunkList(listSource, digest, size, reasons);
            if (list == null) {
                continue;
            }
            try (PartialBlob partial = PartialBlob.open(partialDir, list)) {
                ChunkScheduler scheduler = new ChunkScheduler(list, partial.verified(),
                        List.copyOf(byName.keySet()), config, bans);
                Step end = fetchAll(digest, list, partial, scheduler, byName, listener);
                if (end instanceof Step.Failed failed) {
                    reasons.add("with the chunk list of " + listSource.name() + ": " + failed.reason());
                    if (scheduler.banned().isEmpty()) {
                        break; // sources failed on their own; another list would not help
                    }
                    // Chunks did not match this list: the list may be the liar, so judge again by another. A
                    // source whose chunks fail its own list is at fault either way: its ban stands.
                    scheduler.banned().stream().filter(s -> !s.equals(listSource.name())).forEach(bans::lift);
                    continue;
                }
                try {
                    return partial.commit(store, origin);
                } catch (BlobMismatchException e) {
                    String why = "chunk list does not describe the blob (" + e.getMessage() + ")";
                    bans.ban(listSource.name(), why, clock.instant().plus(config.banTime()));
                    scheduler.banned().forEach(bans::lift);
                    reasons.add(listSource.name() + ": " + why);
                }
            }
        }
        throw new DownloadException(digest, reasons);
    }

    /** The source's chunk list if it answers with one for this blob and size, else null (reason noted). */
    private ChunkList chunkList(ChunkSource source, Digest digest, long size, List<String> reasons) {
        ChunkList list;
        try {
            list = source.chunkList(digest);
        } catch (SourceException e) {
            reasons.add(source.name() + ": no chunk list (" + e.getMessage() + ")");
            return null;
        }
        if (!list.blob().equals(digest) || (size >= 0 && list.size() != size)) {
            String why = "sent a chunk list for " + list.blob() + " of " + list.size() + " bytes";
            bans.ban(source.name(), why, clock.instant().plus(config.banTime()));
            reasons.add(source.name() + ": " + why);
            return null;
        }
        return list;
    }

    /**
     * Runs the scheduler until it is done or fails; fetches run on virtual threads, decisions here, and the
     * whole-blob hash of the verified prefix on a thread of its own, so that it holds up neither.
     */
    private Step fetchAll(Digest digest, ChunkList list, PartialBlob partial, ChunkScheduler scheduler,
            Map<String, ChunkSource> sources, DownloadListener listener) {
        BlockingQueue<Result> results = new LinkedBlockingQueue<>();
        ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
        ExecutorService hasher = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("prefix-hash").factory());
        Runnable hash = () -> hashPrefix(partial);
        try {
            while (true) {
                Step step = scheduler.next(clock.instant());
                switch (step) {
                    case Step.Fetch f -> fetchers.execute(
                            () -> results.add(fetch(digest, list, partial, sources.get(f.source()), f.chunk())));
                    case Step.Wait w -> {
                        if (apply(results.take(), scheduler, partial, listener, list)) {
                            hasher.execute(hash);
                        }
                    }
                    case Step.Done d -> {
                        return d;
                    }
                    case Step.Failed failed -> {
                        return failed;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadInterruptedException(digest);
        } finally {
            fetchers.shutdownNow();
            fetchers.close();
            hasher.close(); // lets it finish what is verified: commit then has nothing left to hash
        }
    }

    /** Applies one fetch's result; true when it added a verified chunk. */
    private boolean apply(Result result, ChunkScheduler scheduler, PartialBlob partial, DownloadListener listener,
            ChunkList list) {
        switch (result) {
            case Result.Verified v -> {
                if (!scheduler.verified(v.source(), v.chunk())) {
                    partial.recycle(v.bytes()); // a second copy of a chunk already verified
                    return false;
                }
                partial.markVerified(v.chunk(), v.bytes());
                listener.chunkVerified(v.source(), list.length(v.chunk()));
                return true;
            }
            case Result.Corrupt c -> scheduler.corrupt(c.source(), c.chunk(), c.reason(), clock.instant());
            case Result.Failed f -> {
                log.debug("chunk {} from {} failed: {}", f.chunk(), f.source(), f.error().getMessage());
                scheduler.failed(f.source(), f.chunk(), f.error());
            }
            case Result.LocalFailure l -> throw l.error();
        }
        return false;
    }

    /**
     * A failure here (reading back a chunk) only stops the hashing for now: commit hashes what is left and
     * reports the failure if it happens again.
     */
    private static void hashPrefix(PartialBlob partial) {
        try {
            partial.hashVerifiedPrefix();
        } catch (UncheckedIOException e) {
            log.debug("whole-blob hash paused, commit resumes it: {}", e.getMessage());
        }
    }

    /** Reads, verifies and writes one chunk, in one of the partial's buffers; runs on a virtual thread, never throws. */
    private static Result fetch(Digest digest, ChunkList list, PartialBlob partial, ChunkSource source, int chunk) {
        byte[] buffer = partial.buffer();
        Result result = fetchInto(buffer, digest, list, partial, source, chunk);
        if (!(result instanceof Result.Verified)) {
            partial.recycle(buffer);
        }
        return result;
    }

    private static Result fetchInto(byte[] buffer, Digest digest, ChunkList list, PartialBlob partial,
            ChunkSource source, int chunk) {
        int length = list.length(chunk);
        int sent;
        try {
            sent = source.read(digest, list.offset(chunk), length, buffer);
        } catch (SourceException e) {
            return new Result.Failed(source.name(), chunk, e);
        } catch (RuntimeException e) {
            return new Result.Failed(source.name(), chunk, new SourceException(e.toString(), false, e));
        }
        if (sent != length) {
            return new Result.Corrupt(source.name(), chunk, "sent " + sent + " bytes, not " + length);
        }
        Digest actual = Sha256.of(buffer, 0, length);
        if (!actual.equals(list.chunks().get(chunk))) {
            return new Result.Corrupt(source.name(), chunk, "SHA-256 is " + actual + ", not " + list.chunks().get(chunk));
        }
        try {
            partial.write(chunk, buffer);
        } catch (UncheckedIOException e) {
            return new Result.LocalFailure(e);
        }
        return new Result.Verified(source.name(), chunk, buffer);
    }

    /** What one fetch came to. */
    private sealed interface Result {
        /** {@code bytes}: the buffer the chunk is in, handed on to the whole-blob hash. */
        record Verified(String source, int chunk, byte[] bytes) implements Result {}

        record Corrupt(String source, int chunk, String reason) implements Result {}

        record Failed(String source, int chunk, SourceException error) implements Result {}

        /** Our own disk failed: no source is to blame and the download stops. */
        record LocalFailure(UncheckedIOException error) implements Result {}
    }
}
