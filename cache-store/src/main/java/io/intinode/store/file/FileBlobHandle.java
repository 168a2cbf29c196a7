package io.intinode.store.file;

import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** An open blob file; closing it (once) lets the store delete the blob again. */
final class FileBlobHandle implements BlobHandle {
    private final Digest digest;
    private final long size;
    private final Path path;
    private final FileChannel channel;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    FileBlobHandle(Digest digest, long size, Path path, FileChannel channel, Runnable onClose) {
        this.digest = digest;
        this.size = size;
        this.path = path;
        this.channel = channel;
        this.onClose = onClose;
    }

    @Override
    public Digest digest() {
        return digest;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public FileChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot close " + path + ": " + e.getMessage(), e);
        } finally {
            onClose.run();
        }
    }
}
