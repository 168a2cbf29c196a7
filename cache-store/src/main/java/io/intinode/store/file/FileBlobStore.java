package io.intinode.store.file;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobNotFoundException;
import io.intinode.store.BlobStore;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import org.rocksdb.RocksDBException;
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
    private final FileChannel lockChannel;
    private final BlobIndex index;
    private final AtomicLong used = new AtomicLong();
    private final SingleFlight<Digest, BlobInfo> inflight = new SingleFlight<>();
    private final OpenBlobs readers = new OpenBlobs();
    private final Object[] stripes = new Object[STRIPES];
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    // Shared by every operation, exclusive for close, rebuild and reconcile: RocksDB must not be used once closed.
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private FileBlobStore(BlobLayout layout, StoreConfig config, InstantSource clock, FileChannel lockChannel, BlobIndex index) {
        this.layout = layout;
        this.config = config;
        this.clock = clock;
        this.lockChannel = lockChannel;
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
        FileChannel lockChannel = null;
        try {
            layout.createDirectories();
            lockChannel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock(lockChannel, layout);
            BlobIndex index = openIndex(layout);
            FileBlobStore store = new FileBlobStore(layout, config, clock, lockChannel, index);
            store.used.set(new Reconciler(layout, index).reconcile().bytes());
            return store;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StoreException("cannot open the blob store in " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
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
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(origin, "origin");
        Digest want = expected.digest();
        if (want == null) {
            return store(in, expected, origin);
        }
        return inflight.run(want, () -> info(want).orElseGet(() -> store(in, expected, origin)));
    }

    @Override
    public BlobInfo ingest(Path file, Expected expected, Origin origin) {
        Objects.requireNonNull(file, "file");
        Digest want = expected.digest();
        if (want != null) {
            Optional<BlobInfo> present = info(want);
            if (present.isPresent()) {
                return present.get();
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ingest(in, expected, origin);
        } catch (NoSuchFileException e) {
            throw new StoreException("no such file: " + file, e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
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
        List<BlobInfo> all;
        try (Stream<BlobInfo> s = list()) {
            all = s.toList();
        }
        List<VerifyReport.Damaged> damaged = new ArrayList<>();
        int checked = 0;
        long bytes = 0;
        for (BlobInfo info : all) {
            Optional<Digest> actual = rehash(info.digest(), progress);
            if (actual.isEmpty()) {
                continue; // removed meanwhile
            }
            checked++;
            bytes += info.size();
            if (!actual.get().equals(info.digest())) {
                quarantine(info, actual.get()).ifPresent(damaged::add);
            }
        }
        return new VerifyReport(checked, bytes, damaged, reconciled);
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
            closeQuietly(lockChannel);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private BlobInfo store(InputStream in, Expected expected, Origin origin) {
        Path tmp = layout.newTempFile();
        try {
            BlobWriter.Written w = BlobWriter.write(in, tmp, expected.size(), config);
            if (expected.size() != Expected.UNKNOWN_SIZE && w.size() != expected.size()) {
                throw new BlobMismatchException("size", Long.toString(expected.size()), Long.toString(w.size()));
            }
            if (expected.digest() != null && !expected.digest().equals(w.digest())) {
                throw new BlobMismatchException("digest", expected.digest().toString(), w.digest().toString());
            }
            Committed c = read(() -> commit(tmp, w, origin));
            if (c.fresh()) {
                notifyListeners(l -> l.committed(c.info()));
            }
            return c.info();
        } catch (IOException e) {
            throw new StoreException("cannot store the blob: " + e.getMessage(), e);
        } finally {
            deleteTemp(tmp);
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

    private Optional<Digest> rehash(Digest digest, LongConsumer progress) {
        try (FileChannel ch = FileChannel.open(layout.blob(digest), StandardOpenOption.READ)) {
            MessageDigest sha = BlobWriter.sha256();
            ByteBuffer buf = ByteBuffer.allocate(config.ingestChunkBytes());
            while (ch.read(buf.clear()) >= 0) {
                sha.update(buf.flip());
                progress.accept(buf.limit());
            }
            return Optional.of(Digest.of(sha.digest()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + layout.blob(digest) + ": " + e.getMessage(), e);
        }
    }

    private Optional<VerifyReport.Damaged> quarantine(BlobInfo info, Digest actual) {
        Digest d = info.digest();
        Optional<VerifyReport.Damaged> damaged = read(() -> {
            synchronized (stripe(d)) {
                if (!index.contains(d)) {
                    return Optional.empty();
                }
                Path moved;
                try {
                    moved = new Quarantine(layout.quarantine()).move(layout.blob(d), d.hex());
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

    private static void lock(FileChannel channel, BlobLayout layout) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreException("the blob store in " + layout.root() + " is in use by another process");
        }
    }

    /** Opens the index; a corrupt one is moved to quarantine and replaced by one rebuilt from the files. */
    private static BlobIndex openIndex(BlobLayout layout) throws IOException {
        try {
            return BlobIndex.open(layout.index());
        } catch (RocksDBException e) {
            Path moved = new Quarantine(layout.quarantine()).move(layout.index(), "index-" + System.currentTimeMillis());
            log.warn("the blob index could not be opened ({}); moved it to {} and rebuilding it from the blob files",
                    e.getMessage(), moved);
            try {
                return BlobIndex.open(layout.index());
            } catch (RocksDBException again) {
                throw new StoreException("cannot create a new blob index in " + layout.index() + ": " + again.getMessage(), again);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close(); // also releases the lock
        } catch (IOException e) {
            log.warn("cannot close {}: {}", channel, e.toString());
        }
    }
}
