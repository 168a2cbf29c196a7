package io.intinode.node.cli;

import io.intinode.node.tree.TreeCopier;
import io.intinode.store.BlobInfo;
import io.intinode.transfer.resolve.BlobNotFoundException;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intinode hydrate SRC DST}: the inverse of skinny; every stub becomes its verified content. */
@Command(name = "hydrate", mixinStandardHelpOptions = true,
        description = "Copy the skinny tree SRC to DST, replacing every stub by its content (from the cache,"
                + " else from the stub's URLs), verified. Other files, directories, symlinks, modes and mtimes"
                + " are kept.")
final class HydrateCommand implements Callable<Integer> {
    @ParentCommand IntinodeCommand root;
    @Spec CommandSpec spec;

    @Mixin TreeArguments tree;

    @Override
    public Integer call() throws IOException {
        tree.check();
        int[] stubs = {0};
        TreeCopier.Counts counts;
        try (Wiring node = Wiring.open(root.dataDir());
                Progress progress = Progress.start("hydrate", () -> -1)) {
            counts = tree.copy("hydrate", (file, out, attrs) -> {
                if (StubCodec.isStub(file)) {
                    hydrate(node, file, out, progress);
                    stubs[0]++;
                } else {
                    Files.copy(file, out, StandardCopyOption.COPY_ATTRIBUTES);
                }
            });
        }
        spec.commandLine().getOut().println(TreeArguments.summary(counts, stubs[0] + " stubs resolved"));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static void hydrate(Wiring node, Path stubFile, Path out, Progress progress) throws IOException {
        Stub stub = StubCodec.read(stubFile);
        BlobInfo blob;
        try {
            blob = node.resolver.resolve(new ResolveRequest(stub.digest(), stub.size(), stub.urls()), progress);
        } catch (BlobNotFoundException e) {
            throw new CliException(ExitCodes.NOT_FOUND, stubFile + ": " + e.getMessage(), e);
        }
        VerifiedCopy.toFile(node.store, blob.digest(), out);
    }
}
