package io.intinode.node.cli;

import io.intinode.store.BlobInfo;
import io.intinode.store.file.FileBlobStore;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Stream;
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

    @Override
    public void run() {
        PrintWriter out = storeOptions.out();
        try (FileBlobStore store = storeOptions.open(); Stream<BlobInfo> all = store.list()) {
            all.forEach(b -> out.println(String.join(" ",
                    b.digest().toString(),
                    Long.toString(b.size()),
                    (b.pinned() ? "P" : "-") + (b.shareable() ? "S" : "-"),
                    b.origin().name().toLowerCase(Locale.ROOT),
                    b.lastAccess().toString(),
                    Long.toString(b.accessCount()))));
        }
    }
}
