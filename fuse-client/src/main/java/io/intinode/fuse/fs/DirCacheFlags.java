package io.intinode.fuse.fs;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.cryptomator.jfuse.api.FileInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the kernel keep directory listings: {@code cache_readdir} and {@code keep_cache} set in {@code opendir}
 * become FOPEN_CACHE_DIR and FOPEN_KEEP_CACHE, and the kernel then answers repeated listings itself until the
 * directory's mtime, as it knows it, changes (refreshed within the cache timeout). jfuse 0.7.3's
 * {@link FileInfo} has no setter for these bits, so they are written into the {@code struct fuse_file_info}
 * that jfuse's implementation wraps (its record component {@code segment}). libfuse's high-level API passes
 * them on from opendir only since 3.16.1; on older versions, or when jfuse's class is not as expected, nothing
 * is written and listings go through the filesystem as before.
 */
public final class DirCacheFlags {
    private static final Logger log = LoggerFactory.getLogger(DirCacheFlags.class);
    /** The first libfuse whose high-level opendir hands cache_readdir and keep_cache to the kernel. */
    static final int[] SINCE = {3, 16, 1};
    /**
     * The bitfield word after {@code int32_t flags}: writepage, direct_io, keep_cache, flush, nonseekable,
     * flock_release, cache_readdir, … from the lowest bit (libfuse 3's ABI; GCC's order on little-endian).
     */
    static final long BITS_OFFSET = 4;
    static final int KEEP_CACHE = 1 << 2;
    static final int CACHE_READDIR = 1 << 6;

    private final boolean wanted;
    private final JfuseSegment struct = new JfuseSegment("segment");
    private volatile boolean unavailable;

    private DirCacheFlags(boolean wanted) {
        this.wanted = wanted;
    }

    /** For the libfuse of this version ({@code fuse_pkgversion()}, e.g. "3.17.2"); off when older or unknown. */
    public static DirCacheFlags forLibfuse(String version) {
        boolean newEnough = parse(version).map(v -> Arrays.compare(v, SINCE) >= 0).orElse(false);
        boolean littleEndian = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        if (!newEnough || !littleEndian) {
            log.info("directory listings are not cached by the kernel: libfuse {} passes no cache_readdir from"
                    + " opendir (needs 3.16.1 or later on a little-endian machine)", version);
        }
        return new DirCacheFlags(newEnough && littleEndian);
    }

    /** Whether this libfuse passes the bits on (jfuse's struct is checked only at the first {@link #set}). */
    public boolean wanted() {
        return wanted;
    }

    /** Sets cache_readdir and keep_cache in {@code fi}; false when this libfuse or jfuse does not allow it. */
    public boolean set(FileInfo fi) {
        if (!wanted || unavailable) {
            return false;
        }
        try {
            MemorySegment fileInfo = struct.of(fi).reinterpret(BITS_OFFSET + Integer.BYTES);
            int bits = fileInfo.get(ValueLayout.JAVA_INT_UNALIGNED, BITS_OFFSET);
            fileInfo.set(ValueLayout.JAVA_INT_UNALIGNED, BITS_OFFSET, bits | CACHE_READDIR | KEEP_CACHE);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            log.warn("directory listings are not cached by the kernel: cannot reach struct fuse_file_info in {}: {}",
                    fi.getClass().getName(), e.toString());
            return false;
        }
    }

    /** "3.16.1" (or "3.17.2-rc0") as {3, 16, 1}; empty when it does not start with three numbers. */
    static Optional<int[]> parse(String version) {
        String[] parts = version == null ? new String[0] : version.split("[.-]");
        if (parts.length < 3) {
            return Optional.empty();
        }
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!parts[i].matches("\\d{1,4}")) {
                return Optional.empty();
            }
            v[i] = Integer.parseInt(parts[i]);
        }
        return Optional.of(v);
    }
}
