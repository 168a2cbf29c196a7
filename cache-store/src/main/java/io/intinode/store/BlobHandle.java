package io.intinode.store;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** An open, committed blob. While it is open the blob is not deleted. */
public interface BlobHandle extends AutoCloseable {
    Digest digest();

    long size();

    /** The read-only file of the blob, for callers that hand it to the kernel (FUSE, sendfile). */
    Path path();

    FileChannel channel();

    @Override
    void close();
}
