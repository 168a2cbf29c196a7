package io.intinode.node.cli;

import io.intinode.node.tree.TreeCopier;
import io.intinode.transfer.resolve.BlobUnavailableException;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code intinode hydrate SRC DST}: the inverse of skinny; every stub becomes its verified content. */
@Command(name = "hydrate", mixinStandardHelpOptions = true,
        description = "Copy the skinny tree SRC to DST, replacing every stub by its content (through the running"
                + " node, else from the cache, else from the stub's URLs), verified. Other files, directories, symlinks, modes and mtimes"
                + " are kept.")
final class HydrateCommand implements Callable<Integer> {
    @Mixin StoreOptions storeOptions;

    @Mixin NodeOption node;

    @Mixin TreeArguments tree;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "4",
            description = "Blobs to fetch at the same time (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Override
    public Integer call() throws IOException {
        if (jobs < 1) {
            throw new CliException(ExitCodes.USAGE, "--jobs must be at least 1");
        }
        tree.check();
        List<StubPrefetch.Found> found = StubPrefetch.scan(tree.src);
        int[] stubs = {0};
        TreeCopier.Counts counts;
        try (BlobAccess blobs = BlobAccess.open(storeOptions, node.mode)) {
            StubPrefetch.resolveMissing(blobs, found, jobs);
            try (TerminalProgress progress = TerminalProgress.bytes("hydrate", -1)) {
                counts = tree.copy("hydrate", (file, out, attrs) -> {
                    if (StubCodec.isStub(file)) {
                        hydrate(blobs, file, out, progress);
                        stubs[0]++;
                    } else {
                        Files.copy(file, out, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                });
            }
        }
        storeOptions.out().println(TreeArguments.summary(counts, stubs[0] + " stubs resolved"));
        storeOptions.out().flush();
        return ExitCodes.OK;
    }

    private static void hydrate(BlobAccess blobs, Path stubFile, Path out, LongConsumer progress) throws IOException {
        Stub stub = StubCodec.read(stubFile);
        try {
            blobs.toFile(new ResolveRequest(stub.digest(), stub.size(), stub.urls(), stub.shareable()), out, progress);
        } catch (BlobUnavailableException | CliException e) {
            throw StubPrefetch.failure(stubFile, e);
        }
    }
}
