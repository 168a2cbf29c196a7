package io.intinode.fuse.testing;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A directory as readdir(3) gives it: each name with its d_type, which Java's directory stream does not show
 * ({@code find -type} and {@code ls} rely on it). A system call, so safe on a mount served by this JVM.
 */
public final class Dirents {
    public static final int DT_DIR = 4;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    private static final int MAX_ENTRIES = 100_000;
    /** glibc's struct dirent on 64-bit Linux: d_ino, d_off (8 bytes each), d_reclen (2), d_type (1), d_name. */
    private static final long D_TYPE = 18;
    private static final long D_NAME = 19;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPENDIR = libc("opendir", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle READDIR = libc("readdir", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle CLOSEDIR = libc("closedir", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private Dirents() {}

    /** Name to d_type, "." and ".." included. */
    public static Map<String, Integer> of(Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stream = (MemorySegment) OPENDIR.invokeExact(arena.allocateFrom(dir.toString()));
            if (stream.equals(MemorySegment.NULL)) {
                throw new IOException("opendir " + dir + " failed");
            }
            try {
                Map<String, Integer> types = new TreeMap<>();
                for (int i = 0; i < MAX_ENTRIES; i++) {
                    MemorySegment entry = (MemorySegment) READDIR.invokeExact(stream);
                    if (entry.equals(MemorySegment.NULL)) {
                        return types;
                    }
                    MemorySegment e = entry.reinterpret(D_NAME + 256);
                    types.put(e.getString(D_NAME), (int) e.get(ValueLayout.JAVA_BYTE, D_TYPE));
                }
                throw new IOException(dir + " has more than " + MAX_ENTRIES + " entries");
            } finally {
                int closed = (int) CLOSEDIR.invokeExact(stream);
                assert closed == 0;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}
