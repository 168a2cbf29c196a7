package io.intinode.node.cli;

import io.intinode.transfer.resolve.ResolveRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code intinode get REF -o OUT}: resolves a blob (through the node, else cache then webseeds), verifies it, writes it. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Fetch a blob into the cache (if not there yet) and write it to OUT once its size and SHA-256"
                + " are checked. Goes through the running node (its LAN and DHT peers), else standalone. REF is"
                + " sha256:<hex>, a CID (bafkrei…) or a stub file.")
final class GetCommand implements Callable<Integer> {
    @Mixin StoreOptions storeOptions;

    @Mixin NodeOption node;

    @Mixin RefArguments target;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "File to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ResolveRequest request = target.request();
        try (BlobAccess blobs = BlobAccess.open(storeOptions, node.mode);
                TerminalProgress progress = TerminalProgress.bytes("get", request.size())) {
            blobs.toFile(request, out, progress);
        }
        return ExitCodes.OK;
    }
}
