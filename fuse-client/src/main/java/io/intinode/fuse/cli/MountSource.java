package io.intinode.fuse.cli;

import io.intinode.fuse.fs.BlobSource;

/** Where a mount gets stub content, owned by the mount command: standalone or through the node. */
interface MountSource extends BlobSource, AutoCloseable {
    @Override
    void close();
}
