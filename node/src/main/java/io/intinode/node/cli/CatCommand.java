package io.intinode.node.cli;

import io.intinode.transfer.resolve.ResolveRequest;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code intinode cat REF}: resolves a blob like {@code get} and writes it to stdout. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Fetch a blob into the cache (if not there yet) and write it to stdout, checked (size and"
                + " SHA-256) before the first byte is written. Goes through the running node, else standalone."
                + " REF is sha256:<hex>, a CID (bafkrei…) or a stub file.")
final class CatCommand implements Callable<Integer> {
    @Mixin StoreOptions storeOptions;

    @Mixin NodeOption node;

    @Mixin RefArguments target;

    @Override
    public Integer call() throws IOException {
        ResolveRequest request = target.request();
        try (BlobAccess blobs = BlobAccess.open(storeOptions, node.mode)) {
            blobs.toStream(request, System.out);
        }
        return ExitCodes.OK;
    }
}
