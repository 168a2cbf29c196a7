package io.intinode.node.cli;

import io.intinode.store.BlobInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code intinode get REF -o OUT}: resolves a blob (cache, then webseeds), verifies it, writes it. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Fetch a blob into the cache (if not there yet) and write it to OUT. REF is sha256:<hex>,"
                + " a CID (bafkrei…) or a stub file.")
final class GetCommand implements Callable<Integer> {
    @ParentCommand IntinodeCommand root;

    @Parameters(paramLabel = "REF", description = "sha256:<hex>, a CID, or a path to a stub file.")
    String ref;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "File to write.")
    Path out;

    @Option(names = "--url", paramLabel = "URL", description = "A webseed URL to try before the stub's (repeatable).")
    List<String> urls = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Ref parsed = Ref.parse(ref);
        try (Wiring node = Wiring.open(root.dataDir());
                Progress progress = Progress.start("get", parsed::size)) {
            BlobInfo blob = node.resolver.resolve(parsed.request(urls), progress);
            VerifiedCopy.toFile(node.store, blob.digest(), out);
        }
        return ExitCodes.OK;
    }
}
