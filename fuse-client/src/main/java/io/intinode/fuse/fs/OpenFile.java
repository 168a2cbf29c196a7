package io.intinode.fuse.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A file opened through the mount: a plain source file or a lease on a cache file. */
public interface OpenFile extends AutoCloseable {

    /** Reads at {@code offset} until {@code into} is full or the file ends; returns the bytes read. */
    int read(ByteBuffer into, long offset) throws IOException;

    @Override
    void close();

    /** Positional reads are safe to run concurrently on one shared channel. */
    static int readFully(FileChannel channel, ByteBuffer into, long offset) throws IOException {
        int total = 0;
        while (into.hasRemaining()) {
            int n = channel.read(into, offset + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
