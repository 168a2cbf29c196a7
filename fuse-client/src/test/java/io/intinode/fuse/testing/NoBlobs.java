package io.intinode.fuse.testing;

import io.intinode.fuse.fs.BlobSource;
import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.transfer.stub.Stub;
import java.util.Optional;

/** A blob source with nothing cached and nothing to fetch, for tests that never open a stub's content. */
public final class NoBlobs implements BlobSource {
    @Override
    public Optional<BlobHandle> openCached(Digest digest) {
        return Optional.empty();
    }

    @Override
    public void fetch(Stub stub) {
        throw new IllegalStateException("this test fetches nothing");
    }
}
