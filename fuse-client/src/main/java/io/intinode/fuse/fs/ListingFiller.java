package io.intinode.fuse.fs;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.cryptomator.jfuse.api.DirFiller;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_fill_dir_t;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a listing of names and file types to libfuse's readdir filler with one native call per entry and no
 * allocation around it: the names come prepared with the kept listing ({@link DirNames}) and there is one
 * prepared {@code struct stat} per file type. jfuse's own {@link DirFiller} mallocs and frees a {@code struct stat}
 * and a C string per entry and goes through a lambda; that made the readdir of a 100-entry directory take twice
 * libfuse's own round trip, and ten times it while the JIT had not yet compiled that path (the second {@code find}
 * after mounting). libfuse's {@code fill_dir} copies the name and the stat, so both may be shared. When jfuse's
 * filler is not the record expected (another jfuse), listings go through {@link DirFiller#fill}, with one warning.
 */
final class ListingFiller {
    private static final Logger log = LoggerFactory.getLogger(ListingFiller.class);
    private static final MethodHandle FILL = Linker.nativeLinker().downcallHandle(fuse_fill_dir_t.descriptor());
    /** A {@code struct stat} with only {@code st_mode} set, by file type ({@code S_IFMT >>> 12}); never freed. */
    private static final MemorySegment[] STATS = new MemorySegment[16];

    static {
        for (int t = 0; t < STATS.length; t++) {
            STATS[t] = stat.allocate(Arena.global());
            stat.st_mode(STATS[t], t << 12);
        }
    }

    private final JfuseSegment buf = new JfuseSegment("buf");
    private final JfuseSegment callback = new JfuseSegment("callback");
    private volatile boolean unavailable;

    /** Fills every name; 0, or non-zero when libfuse took no more (it keeps the error it will answer). */
    int fill(DirFiller filler, DirNames names) {
        MemorySegment fillerBuf = null;
        MemorySegment fillerFunction = null;
        if (!unavailable) {
            try {
                fillerBuf = buf.of(filler);
                fillerFunction = callback.of(filler);
            } catch (ReflectiveOperationException | RuntimeException e) {
                unavailable = true;
                log.warn("listings go through jfuse's filler (slower): cannot reach libfuse's in {}: {}",
                        filler.getClass().getName(), e.toString());
            }
        }
        if (fillerFunction == null) {
            return fillThroughJfuse(filler, names);
        }
        for (int i = 0; i < names.count(); i++) {
            int full = call(fillerFunction, fillerBuf, names.cName(i), STATS[(names.type(i) >>> 12) & 017]);
            if (full != 0) {
                return full;
            }
        }
        return 0;
    }

    private static int fillThroughJfuse(DirFiller filler, DirNames names) {
        for (int i = 0; i < names.count(); i++) {
            int type = names.type(i);
            int full = filler.fill(names.name(i), st -> st.setMode(type), 0, 0);
            if (full != 0) {
                return full;
            }
        }
        return 0;
    }

    private static int call(MemorySegment function, MemorySegment fillerBuf, MemorySegment name, MemorySegment st) {
        try {
            return (int) FILL.invokeExact(function, fillerBuf, name, st, 0L, 0); // offset 0: libfuse keeps them all
        } catch (Throwable e) {
            throw new IllegalStateException("libfuse's readdir filler failed", e); // a native call throws nothing
        }
    }
}
