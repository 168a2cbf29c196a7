package io.intinode.node.cli;

import io.intinode.store.Digest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code intinode cache pin REF}; {@link CacheUnpinCommand} is the same with the flag cleared. */
@Command(name = "pin", mixinStandardHelpOptions = true, description = "Pin a cached blob: it is never evicted.")
class CachePinCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Mixin
    NodeOption node;

    @Parameters(paramLabel = "REF", description = "The blob, as sha256:<hex>.")
    String ref;

    boolean pin() {
        return true;
    }

    @Override
    public void run() {
        Digest digest = Refs.digest(ref);
        try (CacheAccess cache = CacheAccess.open(storeOptions, node.mode)) {
            cache.pin(digest, pin());
        }
        storeOptions.out().println((pin() ? "pinned " : "unpinned ") + digest);
    }
}
