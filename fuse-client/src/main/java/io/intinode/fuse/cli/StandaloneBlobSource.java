package io.intinode.fuse.cli;

import io.intinode.fuse.fs.BlobSource;
import io.intinode.node.cli.CliException;
import io.intinode.node.cli.ExitCodes;
import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.transfer.stub.Stub;
import java.nio.file.Path;
import java.util.Optional;

/** PLACEHOLDER until the store branch is merged. */
final class StandaloneBlobSource implements BlobSource, AutoCloseable {
    static StandaloneBlobSource open(Path dataDir) {
        return new StandaloneBlobSource();
    }

    @Override
    public Optional<BlobHandle> openCached(Digest digest) {
        return Optional.empty();
    }

    @Override
    public void fetch(Stub stub) {
        throw new CliException(ExitCodes.FAILURE, "no store yet");
    }

    @Override
    public void close() {}
}
