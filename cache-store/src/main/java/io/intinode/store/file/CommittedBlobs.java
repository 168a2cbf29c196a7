package io.intinode.store.file;

import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Read-only access to the committed blobs of a data directory that another process holds open (the node),
 * without its lock or index. A file is at a blob's place only after its size and SHA-256 were checked and it
 * was fsynced (the commit renames it there; see {@link FileBlobStore}), so what this opens is verified
 * content; ingests in progress live in {@code tmp/} and are never seen. It does not keep the owner from
 * evicting the blob, and need not: a file opened before it is deleted stays readable.
 */
public final class CommittedBlobs {
    private final BlobLayout layout;

    private CommittedBlobs(BlobLayout layout) {
        this.layout = layout;
    }

    /** The committed blobs under {@code dataDir}; nothing is opened or created. */
    public static CommittedBlobs in(Path dataDir) {
        return new CommittedBlobs(new BlobLayout(dataDir.toAbsolutePath()));
    }

    /** Opens the blob's file read-only, or empty when it is not committed (or was evicted). */
    public Optional<BlobHandle> open(Digest digest) {
        Path path = layout.blob(digest);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot open " + path + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(new FileBlobHandle(digest, channel.size(), path, channel, () -> { }));
        } catch (IOException e) {
            StoreException failure = new StoreException("cannot read the size of " + path + ": " + e.getMessage(), e);
            try {
                channel.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
    }
}
