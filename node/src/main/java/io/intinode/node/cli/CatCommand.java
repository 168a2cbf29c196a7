package io.intinode.node.cli;

import io.intinode.store.BlobInfo;
import io.intinode.transfer.resolve.ResolveListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code intinode cat REF}: resolves a blob like {@code get} and writes it to stdout. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Fetch a blob into the cache (if not there yet) and write it to stdout. REF is"
                + " sha256:<hex>, a CID (bafkrei…) or a stub file.")
final class CatCommand implements Callable<Integer> {
    @ParentCommand IntinodeCommand root;

    @Parameters(paramLabel = "REF", description = "sha256:<hex>, a CID, or a path to a stub file.")
    String ref;

    @Option(names = "--url", paramLabel = "URL", description = "A webseed URL to try before the stub's (repeatable).")
    List<String> urls = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Ref parsed = Ref.parse(ref);
        try (Wiring node = Wiring.open(root.dataDir())) {
            BlobInfo blob = node.resolver.resolve(parsed.request(urls), ResolveListener.NONE);
            VerifiedCopy.toStream(node.store, blob.digest(), System.out);
        }
        return ExitCodes.OK;
    }
}
