package io.intinode.fuse.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code MmapRead FILE OUT}: maps FILE read-only and writes the mapped bytes to OUT. Run in a child JVM: a
 * page fault on a mount served by the same JVM can deadlock it (the faulting thread counts as running Java
 * and holds up a safepoint, while the FUSE thread that would answer the fault waits for that safepoint).
 */
public final class MmapRead {
    private MmapRead() {}

    public static void main(String[] args) throws IOException {
        try (FileChannel ch = FileChannel.open(Path.of(args[0])); OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            byte[] buf = new byte[64 * 1024];
            while (map.hasRemaining()) {
                int n = Math.min(buf.length, map.remaining());
                map.get(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
    }
}
