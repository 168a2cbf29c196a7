package io.intinode.node.cli;

import io.intinode.store.Digest;
import io.intinode.transfer.resolve.ResolveListener;
import io.intinode.transfer.resolve.ResolveRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Where the blob commands (get, cat, add, skinny, hydrate) read and add blobs: the running node's API, so
 * that fetches use its peers and the cache it holds locked is shared, else this process's own cache and
 * resolver. What comes back is checked here, whichever way it came: nothing unverified is written as done.
 */
sealed interface BlobAccess extends AutoCloseable permits LocalBlobs, NodeBlobs {

    /**
     * The node's API when one answers on the data dir's socket (with {@code --node auto}), else the local cache,
     * after a one-line notice on the command's stderr.
     */
    static BlobAccess open(StoreOptions store, NodeMode mode) {
        if (mode == NodeMode.auto) {
            Optional<NodeBlobs> node = NodeBlobs.connect(store.dataDir());
            if (node.isPresent()) {
                return node.get();
            }
            store.err().println("intinode: no node is running with data dir " + store.dataDir()
                    + "; standalone (local cache, then webseed URLs)");
            store.err().flush();
        }
        return LocalBlobs.open(store);
    }

    /** A blob now in the cache. */
    record Added(Digest digest, long size) {}

    /** Adds a file's bytes to the cache (verified ingest); {@code progress} gets the bytes read. */
    Added add(Path file, LongConsumer progress);

    /** Whether the blob is in the cache already (false when this cannot be known cheaply). */
    boolean cached(Digest digest);

    /** The cache quota when known, else Long.MAX_VALUE. */
    long quotaBytes();

    /** Puts the blob into the cache, fetching it if missing. */
    void fetch(ResolveRequest request, ResolveListener progress);

    /** The blob's bytes, fetched first if missing; unverified: callers go through {@link VerifiedCopy}. */
    InputStream read(ResolveRequest request, LongConsumer progress) throws IOException;

    /** Names the bytes this access reads in a verification error, with what to do about it. */
    String what();

    /** Writes the blob to {@code out}, which appears only once its size and SHA-256 were checked. */
    default void toFile(ResolveRequest request, Path out, LongConsumer progress) throws IOException {
        VerifiedCopy.toFile(what(), read(request, progress), request.digest(), request.size(), out);
    }

    /** Checks the blob, then streams it to {@code out} (checked again on the way). */
    default void toStream(ResolveRequest request, OutputStream out) throws IOException {
        VerifiedCopy.toStream(what(), () -> read(request, n -> { }), request.digest(), request.size(), out);
    }

    @Override
    void close();
}
