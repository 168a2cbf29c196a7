package io.intinode.node.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intinode providers REF}: which peers the running node finds on the DHT for a blob. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "Ask the running node which peers provide a blob (a DHT lookup); prints each peer id with its"
                + " addresses. Exit code 5 when none is found, 6 when no node runs.")
final class ProvidersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    IntinodeCommand parent;

    @Parameters(paramLabel = "REF", description = "sha256:<hex>, a CID (bafkrei…) or a stub file.")
    String ref;

    @Mixin
    LookupTimeout timeout;

    @Option(names = "--max", paramLabel = "N", defaultValue = "20", description = "Stop after N providers (default 20).")
    int max;

    @Option(names = "--json", description = "Print one JSON array of {peer, addrs}.")
    boolean json;

    @Override
    public Integer call() {
        return DhtFindProvidersCommand.print(parent.dataDir(), Ref.parse(ref).digest(), max, timeout.value, json,
                spec.commandLine().getOut());
    }
}
