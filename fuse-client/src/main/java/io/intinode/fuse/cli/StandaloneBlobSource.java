package io.intinode.fuse.cli;

import io.intinode.fuse.fs.BlobSource;
import io.intinode.fuse.fs.ResolverBlobSource;
import io.intinode.node.cli.CliException;
import io.intinode.node.cli.ExitCodes;
import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.store.StoreConfig;
import io.intinode.store.StoreException;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.download.PartialArea;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Content without a node: this process opens the cache in the data directory itself and fills it
 * from the stubs' URLs. A fetch gives up at the fetch deadline, like the open() waiting for it.
 */
final class StandaloneBlobSource implements MountSource {
    private final FileBlobStore store;
    private final WebseedFetcher webseed;
    private final BlobSource source;

    private StandaloneBlobSource(FileBlobStore store, WebseedFetcher webseed) {
        this.store = store;
        this.webseed = webseed;
        this.source = new ResolverBlobSource(store, ResolverChain.standard(store, webseed));
    }

    static StandaloneBlobSource open(Path dataDir, Duration fetchTimeout) {
        FileBlobStore store;
        try {
            store = FileBlobStore.open(dataDir, StoreConfig.DEFAULTS);
        } catch (StoreException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        WebseedConfig config = WebseedConfig.DEFAULTS.withDeadline(fetchTimeout);
        // The node's partial area: a fetch cut short here is continued by the next one, here or in the node.
        return new StandaloneBlobSource(store, new WebseedFetcher(store, config, InstantSource.system(),
                new PartialArea(store.dataDir().resolve("partial"))));
    }

    @Override
    public Optional<BlobHandle> openCached(Digest digest) {
        return source.openCached(digest);
    }

    @Override
    public void fetch(Stub stub) {
        source.fetch(stub);
    }

    @Override
    public void close() {
        webseed.close();
        store.close();
    }
}
