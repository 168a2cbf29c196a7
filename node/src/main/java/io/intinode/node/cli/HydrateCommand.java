package io.intinode.node.cli;

import io.intinode.node.tree.TreeCopier;
import io.intinode.store.BlobInfo;
import io.intinode.transfer.resolve.BlobUnavailableException;
import io.intinode.transfer.resolve.ResolveListener;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code intinode hydrate SRC DST}: the inverse of skinny; every stub becomes its verified content. */
@Command(name = "hydrate", mixinStandardHelpOptions = true,
        description = "Copy the skinny tree SRC to DST, replacing every stub by its content (from the cache,"
                + " else from the stub's URLs), verified. Other files, directories, symlinks, modes and mtimes"
                + " are kept.")
final class HydrateCommand implements Callable<Integer> {
    @Mixin StoreOptions storeOptions;

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
        try (Wiring node = Wiring.open(storeOptions)) {
            StubPrefetch.resolveMissing(node, found, jobs, storeOptions.quotaBytes());
            try (TerminalProgress progress = TerminalProgress.bytes("hydrate", -1)) {
                counts = tree.copy("hydrate", (file, out, attrs) -> {
                    if (StubCodec.isStub(file)) {
                        hydrate(node, file, out, Wiring.progress(progress));
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

    private static void hydrate(Wiring node, Path stubFile, Path out, ResolveListener progress) throws IOException {
        Stub stub = StubCodec.read(stubFile);
        BlobInfo blob;
        try {
            blob = node.resolver.resolve(new ResolveRequest(stub.digest(), stub.size(), stub.urls()), progress);
        } catch (BlobUnavailableException e) {
            throw StubPrefetch.failure(stubFile, e);
        }
        VerifiedCopy.toFile(node.store, blob.digest(), out);
    }
}
