package io.intinode.fuse.fs;

import java.lang.foreign.MemorySegment;
import org.cryptomator.jfuse.api.Stat;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets {@code st_blocks} and {@code st_blksize}, for which jfuse 0.7.3's {@link Stat} has no setters, in the
 * {@code struct stat} that jfuse's implementation wraps (its record component {@code segment}). Without them
 * {@code du} counts a mounted tree as empty, and readers that size their reads by {@code st_blksize}
 * ({@code cat}, {@code cp}) ask for 4 KiB blocks of a mount that answers reads of up to 1 MiB. A stub shows the
 * blocks its content takes once fetched, as the full tree would. When jfuse's class is not as expected, nothing
 * is written (one warning) and both stay 0, as before.
 */
final class StatBlocks {
    private static final Logger log = LoggerFactory.getLogger(StatBlocks.class);
    /** {@code st_blocks} counts 512-byte units, whatever the filesystem's block size. */
    static final long UNIT_BYTES = 512;

    private final JfuseSegment struct = new JfuseSegment("segment");
    private final long blockSize;
    private volatile boolean unavailable;

    /** @param blockSize the preferred read size to show as {@code st_blksize} */
    StatBlocks(long blockSize) {
        this.blockSize = blockSize;
    }

    /** Sets both fields for an entry of {@code size} bytes; false when jfuse's struct cannot be reached. */
    boolean set(Stat attrs, long size) {
        if (unavailable) {
            return false;
        }
        try {
            MemorySegment s = struct.of(attrs).reinterpret(stat.sizeof());
            stat.st_blocks(s, blocks(size));
            stat.st_blksize(s, blockSize);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            log.warn("du shows 0 for the mount: cannot reach struct stat in {}: {}", attrs.getClass().getName(),
                    e.toString());
            return false;
        }
    }

    /** The 512-byte units {@code size} bytes take, rounded up. */
    static long blocks(long size) {
        return Math.ceilDiv(Math.max(0, size), UNIT_BYTES);
    }
}
