package io.intinode.node.cli;

import io.intinode.store.BlobStore;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.nio.file.Path;
import java.time.InstantSource;

/** The host's store and resolver chain, built with constructors in this one place. */
final class Wiring implements AutoCloseable {
    final BlobStore store;
    final ResolverChain resolver;
    private final WebseedFetcher webseed;

    private Wiring(BlobStore store) {
        this.store = store;
        this.webseed = new WebseedFetcher(store, WebseedConfig.DEFAULTS, InstantSource.system());
        this.resolver = ResolverChain.standard(store, webseed);
    }

    static Wiring open(Path dataDir) {
        throw new CliException(ExitCodes.FAILURE, "the cache store is not implemented yet (" + dataDir + ")");
    }

    @Override
    public void close() {
        webseed.close();
        store.close();
    }
}
