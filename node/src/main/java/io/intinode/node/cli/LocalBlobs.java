package io.intinode.node.cli;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.download.PartialArea;
import io.intinode.transfer.resolve.ResolveListener;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.function.LongConsumer;

/** Standalone: this process opens the host's cache (locking it) and builds its own resolver over it. */
final class LocalBlobs implements BlobAccess {
    private final FileBlobStore store;
    private final WebseedFetcher webseed;
    private final ResolverChain resolver;

    private LocalBlobs(FileBlobStore store) {
        this.store = store;
        // The node's partial area: a fetch cut short here is continued by the next one, here or in the node.
        this.webseed = new WebseedFetcher(store, WebseedConfig.DEFAULTS, InstantSource.system(),
                new PartialArea(store.dataDir().resolve("partial")));
        this.resolver = ResolverChain.standard(store, webseed);
    }

    /** Opens the cache of this invocation (data dir, quota) and builds the resolver over it. */
    static LocalBlobs open(StoreOptions options) {
        return new LocalBlobs(options.open());
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
    public Added add(Path file, LongConsumer progress) {
        BlobInfo blob = store.ingest(file, BlobStore.Expected.NOTHING, Origin.LOCAL, progress);
        store.setShareable(blob.digest(), true); // added by its owner, no stub to say "share":false
        return new Added(blob.digest(), blob.size());
    }

    @Override
    public boolean cached(Digest digest) {
        return store.has(digest);
    }

    @Override
    public long quotaBytes() {
        return store.config().quotaBytes();
    }

    @Override
    public void fetch(ResolveRequest request, ResolveListener progress) {
        resolver.resolve(request, progress);
    }

    @Override
    public InputStream read(ResolveRequest request, LongConsumer progress) {
        BlobInfo blob = resolver.resolve(request, progress(progress));
        BlobHandle handle = store.open(blob.digest()).orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND,
                blob.digest() + " vanished from the cache while being read"));
        return new FilterInputStream(Channels.newInputStream(handle.channel())) {
            @Override
            public void close() {
                handle.close(); // closes the channel too
            }
        };
    }

    @Override
    public String what() {
        return "cached blob (run 'intinode cache verify')";
    }

    @Override
    public void close() {
        webseed.close();
        store.close();
    }
}
