package io.intinode.node.cli;

import io.intinode.store.BlobInfo;
import io.intinode.transfer.resolve.ResolveRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code intinode get REF -o OUT}: resolves a blob (cache, then webseeds), verifies it, writes it. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Fetch a blob into the cache (if not there yet) and write it to OUT. REF is sha256:<hex>,"
                + " a CID (bafkrei…) or a stub file.")
final class GetCommand implements Callable<Integer> {
    @ParentCommand IntinodeCommand root;

    @Mixin RefArguments target;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "File to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ResolveRequest request = target.request();
        try (Wiring node = Wiring.open(root.dataDir());
                Progress progress = Progress.start("get", request::size)) {
            BlobInfo blob = node.resolver.resolve(request, progress);
            VerifiedCopy.toFile(node.store, blob.digest(), out);
        }
        return ExitCodes.OK;
    }
}
