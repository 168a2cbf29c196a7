package io.intinode.fuse.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.cryptomator.jfuse.api.DirFiller;
import org.cryptomator.jfuse.api.Errno;
import org.cryptomator.jfuse.api.FileInfo;
import org.cryptomator.jfuse.api.FuseConfig;
import org.cryptomator.jfuse.api.FuseConnInfo;
import org.cryptomator.jfuse.api.FuseOperations;
import org.cryptomator.jfuse.api.Stat;
import org.cryptomator.jfuse.api.Statvfs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only filesystem a mount shows: the source tree as it is, except that stub files appear as
 * the content they stand for. Every call that may block on the source tree or a fetch runs under a
 * deadline and answers EIO (with the reason logged) when it passes; there is no global lock.
 */
public final class SkinnyFs implements FuseOperations {
    private static final Logger log = LoggerFactory.getLogger(SkinnyFs.class);
    /** Largest read request; {@code -o max_read} must say the same (see {@link #init}). */
    public static final int MAX_READ_BYTES = 1 << 20;
    private static final int O_ACCMODE = 03;
    private static final int O_RDONLY = 0;
    private static final int O_TRUNC = 01000;
    private static final int BLOCK_BYTES = 4096;
    private static final int NAME_MAX = 255;
    private static final int MAX_LISTED_DIRS = 100_000;

    private final SourceTree tree;
    private final SharedBlobs blobs;
    private final Errno errno;
    private final Duration metadataTimeout;
    private final Duration fetchTimeout;
    private final Duration cacheTimeout;
    private final Deadline deadline = new Deadline();
    private final Map<Long, OpenFile> files = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong();
    private final Map<String, Long> attributesListed = new ConcurrentHashMap<>();
    private final DirectoryListings listings;
    private final DirCacheFlags dirCache;
    private final ListingFiller listingFiller = new ListingFiller();
    private final StatBlocks blocks = new StatBlocks(MAX_READ_BYTES);
    private volatile FileStore sourceStore;

    public SkinnyFs(SourceTree tree, SharedBlobs blobs, Errno errno, Duration metadataTimeout, Duration fetchTimeout,
                    Duration cacheTimeout, DirCacheFlags dirCache) {
        this.tree = tree;
        this.blobs = blobs;
        this.errno = errno;
        this.metadataTimeout = metadataTimeout;
        this.fetchTimeout = fetchTimeout;
        this.cacheTimeout = cacheTimeout;
        this.dirCache = dirCache;
        this.listings = new DirectoryListings(tree::type, InstantSource.system());
    }

    @Override
    public Errno errno() {
        return errno;
    }

    /**
     * No releasedir, and opendir only where it sets the listing cache bits: libfuse answers them itself when
     * they are missing, which spares two calls into Java for every directory listed.
     */
    @Override
    public Set<Operation> supportedOperations() {
        Set<Operation> ops = EnumSet.of(Operation.INIT, Operation.GET_ATTR, Operation.READLINK, Operation.OPEN,
                Operation.READ, Operation.RELEASE, Operation.READ_DIR, Operation.STATFS);
        if (dirCache.wanted()) {
            ops.add(Operation.OPEN_DIR);
        }
        return ops;
    }

    @Override
    public void init(FuseConnInfo conn, FuseConfig cfg) {
        conn.setMaxRead(MAX_READ_BYTES); // libfuse needs it here as well as in -o max_read
        // Content never changes under a name within the cache timeout: no size check on every read.
        conn.setWant(conn.want() & ~FuseConnInfo.FUSE_CAP_AUTO_INVAL_DATA);
        if (!dirCache.wanted()) {
            // The kernel will not keep listings: plain READDIR (smaller entries, fewer requests) and a LOOKUP per
            // name, which the kernel keeps for the cache timeout, beat readdirplus on first and repeated listings.
            conn.setWant(conn.want() & ~(FuseConnInfo.FUSE_CAP_READDIRPLUS | FuseConnInfo.FUSE_CAP_READDIRPLUS_AUTO));
        }
    }

    @Override
    public int getattr(String path, Stat stat, FileInfo fi) {
        return guard("getattr", path, () -> {
            Entry entry = metadata(() -> tree.entry(tree.resolve(path)));
            fill(stat, entry);
            return 0;
        });
    }

    @Override
    public int readlink(String path, ByteBuffer buf, long len) {
        return guard("readlink", path, () -> {
            Path target = metadata(() -> Files.readSymbolicLink(tree.resolve(path)));
            byte[] bytes = target.toString().getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(bytes.length, len - 1); // the kernel truncates too, and wants a NUL
            buf.put(bytes, 0, n).put((byte) 0);
            return 0;
        });
    }

    @Override
    public int open(String path, FileInfo fi) {
        int flags = fi.getFlags();
        if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC) != 0) {
            return -errno.erofs();
        }
        return guard("open", path, () -> {
            Path source = tree.resolve(path);
            Entry entry = metadata(() -> tree.entry(source));
            OpenFile file;
            if (entry.stub() != null) {
                file = blobs.acquire(entry.stub(), fetchTimeout);
            } else {
                file = deadline.call(() -> new SourceFile(FileChannel.open(source, StandardOpenOption.READ)),
                        metadataTimeout, SourceFile::close);
            }
            long handle = nextHandle.incrementAndGet();
            files.put(handle, file);
            fi.setFh(handle);
            return 0;
        });
    }

    @Override
    public int read(String path, ByteBuffer buf, long size, long offset, FileInfo fi) {
        OpenFile file = files.get(fi.getFh());
        if (file == null) {
            return -errno.ebadf();
        }
        if (file instanceof SourceFile source) {
            return guard("read", path, () -> {
                // Into a private buffer: a read that outlives its deadline must not write into
                // libfuse's, which is reused as soon as we answer.
                ByteBuffer copy = metadata(() -> {
                    ByteBuffer b = ByteBuffer.allocate((int) size);
                    source.read(b, offset);
                    return b.flip();
                });
                int n = copy.remaining();
                buf.put(copy);
                return n;
            });
        }
        try {
            return file.read(buf, offset); // the cache is local and ours: no thread hop for the hot path
        } catch (IOException e) {
            log.warn("read {} at {}: {}", path, offset, e.toString());
            return -errno.eio();
        }
    }

    @Override
    public int release(String path, FileInfo fi) {
        OpenFile file = files.remove(fi.getFh());
        if (file != null) {
            file.close();
        }
        return 0;
    }

    /** Called only where libfuse passes the bits on ({@link #supportedOperations}). */
    @Override
    public int opendir(String path, FileInfo fi) {
        dirCache.set(fi); // the kernel may keep the listing (and its readdir calls) until the directory changes
        return 0; // readdir lists the directory itself, so errors surface there
    }

    /**
     * The kernel asks for attributes with every listing from the start of a directory (readdirplus
     * "auto"), although it keeps them for the cache timeout. Within that time a listing gives names
     * only: the kernel still has the rest, or looks an entry up when it lost it. This spares a stat and
     * a stub read per entry on every repeated {@code find} or {@code ls -lR}.
     */
    private boolean attributesWanted(String path, int flags) {
        if ((flags & FUSE_READDIR_PLUS) == 0) {
            return false;
        }
        Long listedAt = attributesListed.get(path);
        return listedAt == null || System.nanoTime() - listedAt > cacheTimeout.toNanos();
    }

    @Override
    public int readdir(String path, DirFiller filler, long offset, FileInfo fi, int flags) {
        boolean plus = attributesWanted(path, flags);
        // Names checked within the cache timeout need no look at the source: the kernel trusts names that long.
        Optional<DirNames> recent = plus ? Optional.empty() : listings.recent(tree.resolve(path), cacheTimeout);
        if (recent.isPresent()) {
            return filled(listingFiller.fill(filler, recent.get()));
        }
        return guard("readdir", path, () -> {
            Path dir = tree.resolve(path);
            if (!plus) {
                DirNames names = metadata(() -> listings.list(dir));
                return filled(listingFiller.fill(filler, names));
            }
            List<Listed> listing = metadata(() -> withAttributes(dir));
            if (attributesListed.size() >= MAX_LISTED_DIRS) {
                attributesListed.clear(); // a bound, not a policy: the cost is one more full listing each
            }
            attributesListed.put(path, System.nanoTime());
            return fillWithAttributes(filler, listing);
        });
    }

    /** The filler must be called on the FUSE thread (its memory is confined to it). */
    private int fillWithAttributes(DirFiller filler, List<Listed> listing) {
        for (Listed item : listing) {
            int full = item.entry() == null
                    ? filler.fill(item.name(), st -> st.setMode(Entry.S_IFDIR), 0, 0)
                    : filler.fill(item.name(), st -> fill(st, item.entry()), 0, DirFiller.FUSE_FILL_DIR_PLUS);
            if (full != 0) {
                return filled(full);
            }
        }
        return 0;
    }

    private int filled(int full) {
        return full == 0 ? 0 : -errno.enomem();
    }

    @Override
    public int statfs(String path, Statvfs statvfs) {
        return guard("statfs", path, () -> {
            FileStore store = sourceStore;
            if (store == null) { // found once: finding it reads the mount table, which takes milliseconds
                store = metadata(() -> Files.getFileStore(tree.root()));
                sourceStore = store;
            }
            statvfs.setBsize(BLOCK_BYTES);
            statvfs.setFrsize(BLOCK_BYTES);
            statvfs.setBlocks(metadata(store::getTotalSpace) / BLOCK_BYTES);
            statvfs.setBfree(0); // read-only: nothing can be written here
            statvfs.setBavail(0);
            statvfs.setNameMax(NAME_MAX);
            return 0;
        });
    }

    /** Closes open files and stops waiting on the source tree; fetches are cancelled by the owner of the blobs. */
    public void close() {
        deadline.close();
        files.values().forEach(OpenFile::close);
        files.clear();
    }

    private List<Listed> withAttributes(Path dir) throws IOException {
        List<Listed> listing = new ArrayList<>();
        // No attributes for these two: libfuse would list them with inode 0, which readdir(3) skips.
        listing.add(new Listed(".", null));
        listing.add(new Listed("..", null));
        for (DirectoryListings.Named n : listings.list(dir).entries()) {
            try {
                listing.add(new Listed(n.name(), tree.entry(dir.resolve(n.name()))));
            } catch (NoSuchFileException gone) {
                // Removed from the source since it was listed: not part of the listing.
            }
        }
        return listing;
    }

    /** One directory entry with its attributes; none for {@code .} and {@code ..}. */
    private record Listed(String name, Entry entry) {}

    private <T> T metadata(Callable<T> call) throws Exception {
        return deadline.call(call, metadataTimeout, late -> { });
    }

    private void fill(Stat stat, Entry entry) {
        stat.setMode(entry.mode());
        stat.setUid(entry.uid());
        stat.setGid(entry.gid());
        stat.setNLink((short) Math.min(entry.nlink(), Short.MAX_VALUE));
        stat.setSize(entry.size());
        blocks.set(stat, entry.size());
        stat.aTime().set(entry.atime().toInstant());
        stat.mTime().set(entry.mtime().toInstant());
        stat.cTime().set(entry.ctime().toInstant());
    }

    /** Runs an operation and turns its failure into an errno, logging the reason where it is not plain. */
    private int guard(String op, String path, Callable<Integer> call) {
        try {
            return call.call();
        } catch (NoSuchFileException e) {
            return -errno.enoent();
        } catch (NotDirectoryException e) {
            return -errno.enotdir();
        } catch (AccessDeniedException e) {
            return -errno.eacces();
        } catch (TimeoutException e) {
            log.warn("{} {}: no answer from the source tree within {}", op, path, metadataTimeout);
            return -errno.eio();
        } catch (BlobUnavailableException e) {
            log.warn("{} {}: {}", op, path, e.getMessage());
            return -errno.eio();
        } catch (IOException e) {
            log.warn("{} {}: {}", op, path, e.toString());
            return -errno.eio();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -errno.eio();
        } catch (Exception e) {
            log.error("{} {}: unexpected failure", op, path, e);
            return -errno.eio();
        }
    }
}
