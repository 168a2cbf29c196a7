package io.intinode.node.cli;

import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options of commands that use the local blob cache ({@code @Mixin StoreOptions store;}): the quota,
 * and the data directory taken from the top-level command.
 */
public final class StoreOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--quota", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            defaultValue = "${env:INTINODE_CACHE_QUOTA:-10G}",
            description = "Most bytes the cache may hold before least recently used, unpinned blobs are"
                    + " evicted, e.g. 500M, 20G, 1T (binary units) or plain bytes."
                    + " Default: $INTINODE_CACHE_QUOTA, else 10G.")
    long quotaBytes;

    public long quotaBytes() {
        return quotaBytes;
    }

    /** The quota when given with {@code --quota} (not the default): what a running node's own quota yields to. */
    public java.util.OptionalLong givenQuota() {
        return mixee.commandLine().getParseResult().hasMatchedOption("--quota")
                ? java.util.OptionalLong.of(quotaBytes) : java.util.OptionalLong.empty();
    }

    public StoreConfig config() {
        return StoreConfig.withQuota(quotaBytes);
    }

    public Path dataDir() {
        return ((IntinodeCommand) mixee.root().userObject()).dataDir();
    }

    /** Opens the cache of this invocation's data directory; the caller closes it. */
    public FileBlobStore open() {
        return FileBlobStore.open(dataDir(), config());
    }

    /** Where the command prints its results (stdout, or what a test captures). */
    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** Where the command prints notices (stderr, or what a test captures). */
    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }
}
