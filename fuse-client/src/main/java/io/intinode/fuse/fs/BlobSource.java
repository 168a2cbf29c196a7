package io.intinode.fuse.fs;

import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.transfer.stub.Stub;
import java.util.Optional;

/** Where the content of stubs comes from: the local cache, filled on demand. */
public interface BlobSource {

    /** Opens a blob already in the local cache (verified when it was added), or empty. */
    Optional<BlobHandle> openCached(Digest digest);

    /**
     * Fetches the stub's blob into the cache, verifying size and SHA-256 first; blocks until done and
     * throws with the reason when no source delivered it. Callers run at most one per digest at a time.
     */
    void fetch(Stub stub);
}
