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
import picocli.CommandLine.Parameters;
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

    @Parameters(index = "0", paramLabel = "SRC", description = "The skinny tree.")
    Path src;

    @Parameters(index = "1", paramLabel = "DST", description = "The full copy (absent or an empty directory).")
    Path dst;

    @Override
    public Integer call() throws IOException {
        try {
            TreeCopier.checkSourceAndTarget(src, dst);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        int[] stubs = {0};
        TreeCopier.Counts counts;
        try (Wiring node = Wiring.open(root.dataDir());
                Progress progress = Progress.start("hydrate", () -> -1)) {
            counts = TreeCopier.copy(src, dst, (file, out, attrs) -> {
                if (!StubCodec.isStub(file)) {
                    Files.copy(file, out, StandardCopyOption.COPY_ATTRIBUTES);
                    return;
                }
                Stub stub = StubCodec.read(file);
                BlobInfo blob;
                try {
                    blob = node.resolver.resolve(new ResolveRequest(stub.digest(), stub.size(), stub.urls()), progress);
                } catch (BlobNotFoundException e) {
                    throw new CliException(ExitCodes.NOT_FOUND, file + ": " + e.getMessage(), e);
                }
                VerifiedCopy.toFile(node.store, blob.digest(), out);
                stubs[0]++;
            });
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "hydrate failed, " + dst + " is incomplete: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("%d files, %d stubs resolved, %d directories, %d symlinks; %s before, %s after%n",
                counts.files(), stubs[0], counts.directories(), counts.symlinks(),
                SkinnyCommand.bytes(counts.bytesIn()), SkinnyCommand.bytes(counts.bytesOut()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
