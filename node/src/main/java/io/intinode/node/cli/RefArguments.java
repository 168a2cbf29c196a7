package io.intinode.node.cli;

import io.intinode.transfer.resolve.ResolveRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The REF parameter and --url options shared by {@code get} and {@code cat}. */
final class RefArguments {
    @Parameters(index = "0", paramLabel = "REF", description = "sha256:<hex>, a CID (bafkrei…), or a path to a stub file.")
    String ref;

    @Option(names = "--url", paramLabel = "URL", description = "A webseed URL to try before the stub's (repeatable).")
    List<String> urls = new ArrayList<>();

    /** What to resolve: the URLs given here first, then the stub's. */
    ResolveRequest request() {
        Ref parsed = Ref.parse(ref);
        List<String> all = new ArrayList<>(urls);
        parsed.urls().stream().filter(u -> !all.contains(u)).forEach(all::add);
        return new ResolveRequest(parsed.digest(), parsed.size(), all, parsed.shareable());
    }
}
