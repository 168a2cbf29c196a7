package io.intinode.node.cli;

import io.intinode.store.BlobStore;
import io.intinode.transfer.resolve.ResolveListener;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.time.InstantSource;
import java.util.function.LongConsumer;

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

    /** Opens the cache of this invocation (data dir, quota) and builds the resolver over it. */
    static Wiring open(StoreOptions options) {
        return new Wiring(options.open());
    }

    /** A listener that feeds the bytes arriving from any source to a progress bar. */
    static ResolveListener progress(LongConsumer bytes) {
        return new ResolveListener() {
            @Override
            public void bytes(String source, long count) {
                bytes.accept(count);
            }
        };
    }

    @Override
    public void close() {
        webseed.close();
        store.close();
    }
}
