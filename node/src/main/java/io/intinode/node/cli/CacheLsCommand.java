package io.intinode.node.cli;

import io.intinode.node.api.NodeApi;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code intinode cache ls}. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List the cached blobs in digest order, one per line:",
            "  sha256:<hex> <size> <flags> <origin> <last access> <reads>",
            "flags: P pinned, S shareable, - otherwise."})
final class CacheLsCommand implements Runnable {
    @Mixin
    StoreOptions storeOptions;

    @Mixin
    NodeOption node;

    @Override
    public void run() {
        NodeApi.CacheListing cache;
        try (CacheAccess access = CacheAccess.open(storeOptions, node.mode)) {
            cache = access.listing();
        }
        PrintWriter out = storeOptions.out();
        for (NodeApi.CacheEntry b : cache.blobs()) {
            out.println(String.join(" ", b.digest(), Long.toString(b.size()),
                    (b.pinned() ? "P" : "-") + (b.shareable() ? "S" : "-"), b.origin(), b.lastAccess(),
                    Long.toString(b.accessCount())));
        }
    }
}
