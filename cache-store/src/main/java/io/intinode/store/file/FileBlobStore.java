package io.intinode.store.file;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobNotFoundException;
import io.intinode.store.BlobStore;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.StoreException;
import io.intinode.store.StoreListener;
import io.intinode.store.evict.LeastRecentlyUsedPolicy;
import io.intinode.store.evict.QuotaCleaner;
import io.intinode.store.index.BlobIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob store on a local filesystem, with its index in RocksDB. See docs/cache-store.md for the
 * layout, the ingest protocol and crash safety. One process at a time has a data directory open.
 */
public final class FileBlobStore implements BlobStore {
    private static final Logger log = LoggerFactory.getLogger(FileBlobStore.class);
    private static final int STRIPES = 64;

    private final BlobLayout layout;
    private final StoreConfig config;
    private final InstantSource clock;
    private final DataDirLock lock;
    private final BlobIndex index;
    private final AtomicLong used = new AtomicLong();
    private final SingleFlight<Digest, BlobInfo> inflight = new SingleFlight<>();
    private final OpenBlobs readers = new OpenBlobs();
    private final Object[] stripes = new Object[STRIPES];
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    // Shared by every operation, exclusive for close, rebuild and reconcile: RocksDB must not be used once closed.
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private FileBlobStore(BlobLayout layout, StoreConfig config, InstantSource clock, DataDirLock lock, BlobIndex index) {
        this.layout = layout;
        this.config = config;
        this.clock = clock;
        this.lock = lock;
        this.index = index;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Opens the store in {@code dataDir} (created if missing), reconciles the index with the blob files
     * and applies the quota after every ingest with the {@link LeastRecentlyUsedPolicy}.
     */
    public static FileBlobStore open(Path dataDir, StoreConfig config) {
        FileBlobStore store = openWithoutQuota(dataDir, config, InstantSource.system());
        store.addListener(new QuotaCleaner(store, new LeastRecentlyUsedPolicy(), config.quotaBytes()));
        return store;
    }

    /** Opens the store with nothing applying the quota, and with the given clock. */
    public static FileBlobStore openWithoutQuota(Path dataDir, StoreConfig config, InstantSource clock) {
        BlobLayout layout = new BlobLayout(dataDir.toAbsolutePath());
        DataDirLock lock = null;
        BlobIndex index = null;
        try {
            layout.createDirectories();
            lock = DataDirLock.acquire(layout.lockFile(), layout.root());
            index = Reconciler.openIndex(layout);
            long used = new Reconciler(layout, index).reconcile().bytes();
            FileBlobStore store = new FileBlobStore(layout, config, clock, lock, index);
            store.used.set(used);
            return store;
        } catch (IOException | RuntimeException e) {
            if (index != null) {
                index.close();
            }
            if (lock != null) {
                lock.close();
            }
            throw e instanceof IOException io
                    ? new StoreException("cannot open the blob store in " + dataDir + ": " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
    }

    public Path dataDir() {
        return layout.root();
    }

    public StoreConfig config() {
        return config;
    }

    @Override
    public boolean has(Digest digest) {
        return read(() -> index.contains(digest));
    }

    @Override
    public Optional<BlobInfo> info(Digest digest) {
        return read(() -> index.get(digest));
    }

    @Override
    public BlobInfo ingest(InputStream in, Expected expected, Origin origin) {
        Objects.requireNonNull(in, "in");
        return ingest(expected, origin, (tmp, maxBytes) -> BlobWriter.write(in, tmp, maxBytes, config));
    }

    @Override
    public BlobInfo ingest(Path file, Expected expected, Origin origin) {
        return ingest(file, expected, origin, bytes -> {});
    }

    /** As {@link #ingest(Path, Expected, Origin)}, reporting bytes hashed as it goes (for progress bars). */
    public BlobInfo ingest(Path file, Expected expected, Origin origin, LongConsumer progress) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new StoreException((Files.exists(file) ? "not a regular file: " : "no such file: ") + file);
        }
        return ingest(expected, origin, (tmp, maxBytes) -> FileCopier.copy(file, tmp, maxBytes, config, progress));
    }

    @Override
    public BlobInfo ingestByMove(Path file, Expected expected, Origin origin) {
        return ingestByMove(file, expected, origin, (tmp, maxBytes) -> FileCopier.hashMoved(tmp, maxBytes, config));
    }

    @Override
    public BlobInfo ingestByMove(Path file, ChunkList verified, Digest hashed, Origin origin) {
        Objects.requireNonNull(verified, "verified");
        Objects.requireNonNull(hashed, "hashed");
        Expected expected = Expected.of(verified.blob(), verified.size());
        if (verified.chunkBytes() != ChunkListFile.CHUNK_BYTES) { // not a list the store could keep: hash anew
            return ingestByMove(file, expected, origin);
        }
        // The digest must still be the list's blob and the size its size: store() checks both.
        return ingestByMove(file, expected, origin,
                (tmp, maxBytes) -> FileCopier.syncMoved(tmp, maxBytes, hashed, verified.chunks()));
    }

    /** {@code inPlace} takes over the file once it is renamed to the temp file. */
    private BlobInfo ingestByMove(Path file, Expected expected, Origin origin, TempWriter inPlace) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException((Files.exists(file) ? "not a regular file: " : "no such file: ") + file);
        }
        try {
            return ingest(expected, origin, (tmp, maxBytes) -> {
                try {
                    Files.move(file, tmp, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException otherFileSystem) {
                    return FileCopier.copy(file, tmp, maxBytes, config, bytes -> {});
                }
                return inPlace.write(tmp, maxBytes);
            });
        } finally {
            deleteTemp(file); // gone in every case: moved, copied, or not needed (the blob was present)
        }
    }

    /** Fills a new temp file and says what it holds; throws BlobMismatchException past {@code maxBytes}. */
    private interface TempWriter {
        BlobWriter.Written write(Path tmp, long maxBytes) throws IOException;
    }

    private BlobInfo ingest(Expected expected, Origin origin, TempWriter writer) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(origin, "origin");
        Digest want = expected.digest();
        if (want == null) {
            return store(writer, expected, origin);
        }
        return inflight.run(want, () -> info(want).map(present -> sameSize(present, expected))
                .orElseGet(() -> store(writer, expected, origin)));
    }

    // A present blob settles the digest; a caller expecting another size has wrong metadata (e.g. a bad stub).
    private static BlobInfo sameSize(BlobInfo present, Expected expected) {
        if (expected.size() != Expected.UNKNOWN_SIZE && expected.size() != present.size()) {
            throw new BlobMismatchException("size", Long.toString(expected.size()), Long.toString(present.size()));
        }
        return present;
    }

    @Override
    public Optional<BlobHandle> open(Digest digest) {
        return read(() -> {
            synchronized (stripe(digest)) {
                Optional<BlobInfo> info = index.get(digest);
                if (info.isEmpty()) {
                    return Optional.empty();
                }
                Path path = layout.blob(digest);
                FileChannel ch;
                try {
                    ch = FileChannel.open(path, StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    log.warn("{} was deleted behind the store's back; dropping it from the index", path);
                    index.delete(digest);
                    used.addAndGet(-info.get().size());
                    return Optional.empty();
                } catch (IOException e) {
                    throw new StoreException("cannot open " + path + ": " + e.getMessage(), e);
                }
                readers.acquire(digest);
                index.put(info.get().touched(now()));
                return Optional.of(new FileBlobHandle(digest, info.get().size(), path, ch, () -> readers.release(digest)));
            }
        });
    }

    @Override
    public boolean touch(Digest digest) {
        return read(() -> {
            synchronized (stripe(digest)) {
                Optional<BlobInfo> info = index.get(digest);
                info.ifPresent(i -> index.put(i.touched(now())));
                return info.isPresent();
            }
        });
    }

    @Override
    public Optional<ChunkList> chunkList(Digest digest) {
        return read(() -> {
            synchronized (stripe(digest)) {
                Optional<BlobInfo> info = index.get(digest);
                if (info.isEmpty()) {
                    return Optional.empty();
                }
                Path file = layout.chunks(digest);
                try {
                    return Optional.of(ChunkListFile.read(file, digest, info.get().size()));
                } catch (NoSuchFileException e) {
                    log.warn("{} is missing; hashing the blob's chunks again", file);
                } catch (IOException e) {
                    log.warn("{} is unreadable ({}); hashing the blob's chunks again", file, e.getMessage());
                }
                try {
                    return Optional.of(new ChunkList(digest, info.get().size(), ChunkListFile.CHUNK_BYTES,
                            Reconciler.rebuildChunks(layout, digest)));
                } catch (IOException e) {
                    throw new StoreException("cannot make the chunk list of " + digest + ": " + e.getMessage(), e);
                }
            }
        });
    }

    @Override
    public Stream<BlobInfo> list() {
        return read(index::entries);
    }

    @Override
    public boolean remove(Digest digest) {
        Optional<BlobInfo> removed = read(() -> {
            synchronized (stripe(digest)) {
                Optional<BlobInfo> info = index.get(digest);
                if (info.isEmpty() || info.get().pinned() || readers.isOpen(digest)) {
                    return Optional.empty();
                }
                try {
                    Files.deleteIfExists(layout.blob(digest));
                    Files.deleteIfExists(layout.chunks(digest));
                } catch (IOException e) {
                    throw new StoreException("cannot delete " + layout.blob(digest) + ": " + e.getMessage(), e);
                }
                index.delete(digest);
                used.addAndGet(-info.get().size());
                return info;
            }
        });
        removed.ifPresent(info -> notifyListeners(l -> l.removed(info)));
        return removed.isPresent();
    }

    @Override
    public void setPinned(Digest digest, boolean pinned) {
        update(digest, info -> info.withPinned(pinned));
    }

    @Override
    public void setShareable(Digest digest, boolean shareable) {
        update(digest, info -> info.withShareable(shareable));
    }

    @Override
    public void addListener(StoreListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public long usedBytes() {
        return used.get();
    }

    /** Whether a handle on the blob is open (such a blob is never removed). */
    public boolean isOpen(Digest digest) {
        return readers.isOpen(digest);
    }

    /**
     * Reconciles the index with the files, then re-hashes every blob; those whose bytes no longer match
     * their digest are moved to {@code <data>/quarantine/} and dropped from the index.
     *
     * @param progress called with the number of bytes hashed, as hashing goes
     */
    public VerifyReport verify(LongConsumer progress) {
        ReconcileReport reconciled = exclusive(() -> new Reconciler(layout, index).reconcile());
        return new BlobVerifier(this, layout, config.ingestChunkBytes()).verify(reconciled, progress);
    }

    /** Drops every index entry and makes it anew from the blob files (keeping pins that still agree). */
    public ReconcileReport rebuildIndex() {
        return exclusive(() -> new Reconciler(layout, index).rebuild());
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            index.close();
            lock.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private BlobInfo store(TempWriter writer, Expected expected, Origin origin) {
        Path tmp = layout.newTempFile();
        try {
            BlobWriter.Written w = writer.write(tmp, expected.size());
            if (expected.size() != Expected.UNKNOWN_SIZE && w.size() != expected.size()) {
                throw new BlobMismatchException("size", Long.toString(expected.size()), Long.toString(w.size()));
            }
            if (expected.digest() != null && !expected.digest().equals(w.digest())) {
                throw new BlobMismatchException("digest", expected.digest().toString(), w.digest().toString());
            }
            ChunkListFile.write(BlobLayout.tempChunks(tmp), w.chunks());
            Committed c = read(() -> commit(tmp, w, origin));
            if (c.fresh()) {
                notifyListeners(l -> l.committed(c.info()));
            }
            return c.info();
        } catch (IOException e) {
            throw new StoreException("cannot store the blob: " + e.getMessage(), e);
        } finally {
            deleteTemp(tmp);
            deleteTemp(BlobLayout.tempChunks(tmp));
        }
    }

    private record Committed(BlobInfo info, boolean fresh) {}

    private Committed commit(Path tmp, BlobWriter.Written w, Origin origin) {
        Digest d = w.digest();
        synchronized (stripe(d)) {
            Optional<BlobInfo> existing = index.get(d);
            if (existing.isPresent()) {
                return new Committed(existing.get(), false);
            }
            try {
                Path shard = layout.shard(d);
                boolean newShard = !Files.isDirectory(shard);
                Files.createDirectories(shard);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
                // The chunk list first: a blob in place always has one (reconcile rebuilds it if a crash lost it).
                Files.move(BlobLayout.tempChunks(tmp), layout.chunks(d), StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, layout.blob(d), StandardCopyOption.ATOMIC_MOVE);
                BlobLayout.fsyncDirectory(shard);
                if (newShard) {
                    BlobLayout.fsyncDirectory(layout.blobs());
                }
            } catch (IOException e) {
                throw new StoreException("cannot commit " + d + ": " + e.getMessage(), e);
            }
            BlobInfo info = BlobInfo.added(d, w.size(), now(), origin);
            index.put(info);
            used.addAndGet(w.size());
            return new Committed(info, true);
        }
    }

    /** Moves a blob whose content hashes to {@code actual} to quarantine and forgets it. */
    Optional<VerifyReport.Damaged> quarantine(BlobInfo info, Digest actual) {
        Digest d = info.digest();
        Optional<VerifyReport.Damaged> damaged = read(() -> {
            synchronized (stripe(d)) {
                if (!index.contains(d)) {
                    return Optional.empty();
                }
                Path moved;
                try {
                    moved = new Quarantine(layout.quarantine()).move(layout.blob(d), d.hex());
                    Files.deleteIfExists(layout.chunks(d));
                } catch (IOException e) {
                    throw new StoreException("cannot quarantine " + d + ": " + e.getMessage(), e);
                }
                index.delete(d);
                used.addAndGet(-info.size());
                log.warn("{} hashes to {}; moved to {}", d, actual, moved);
                return Optional.of(new VerifyReport.Damaged(d, actual, moved));
            }
        });
        damaged.ifPresent(x -> notifyListeners(l -> l.quarantined(d, x.movedTo())));
        return damaged;
    }

    private void update(Digest digest, UnaryOperator<BlobInfo> change) {
        read(() -> {
            synchronized (stripe(digest)) {
                BlobInfo info = index.get(digest).orElseThrow(() -> new BlobNotFoundException(digest));
                index.put(change.apply(info));
                return null;
            }
        });
    }

    private <T> T read(Supplier<T> op) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new StoreException("the blob store in " + layout.root() + " is closed");
            }
            return op.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private ReconcileReport exclusive(IoSupplier<ReconcileReport> op) {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                throw new StoreException("the blob store in " + layout.root() + " is closed");
            }
            ReconcileReport report = op.get();
            used.set(report.bytes());
            return report;
        } catch (IOException e) {
            throw new StoreException("cannot reconcile the blob index: " + e.getMessage(), e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private Object stripe(Digest digest) {
        return stripes[Math.floorMod(digest.hashCode(), STRIPES)];
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void notifyListeners(Consumer<StoreListener> event) {
        for (StoreListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                // The store's own change succeeded; a listener's failure (e.g. eviction) must not undo it.
                log.warn("store listener {} failed: {}", l, e.toString(), e);
            }
        }
    }

    private static void deleteTemp(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            log.warn("cannot delete temp file {} (the next open removes it): {}", tmp, e.toString());
        }
    }
}
