package io.intinode.fuse.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A plain (non-stub) file of the source tree, opened read-only. */
record SourceFile(FileChannel channel) implements OpenFile {

    @Override
    public int read(ByteBuffer into, long offset) throws IOException {
        return OpenFile.readFully(channel, into, offset);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
