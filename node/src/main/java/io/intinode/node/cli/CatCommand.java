package io.intinode.node.cli;

import io.intinode.store.BlobInfo;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.resolve.ResolveListener;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code intinode cat REF}: resolves a blob like {@code get} and writes it to stdout. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Fetch a blob into the cache (if not there yet) and write it to stdout. REF is"
                + " sha256:<hex>, a CID (bafkrei…) or a stub file.")
final class CatCommand implements Callable<Integer> {
    @ParentCommand IntinodeCommand root;

    @Mixin RefArguments target;

    @Override
    public Integer call() throws IOException {
        ResolveRequest request = target.request();
        try (Wiring node = Wiring.open(root.dataDir())) {
            BlobInfo blob = node.resolver.resolve(request, ResolveListener.NONE);
            VerifiedCopy.toStream(node.store, blob.digest(), System.out);
        }
        return ExitCodes.OK;
    }
}
