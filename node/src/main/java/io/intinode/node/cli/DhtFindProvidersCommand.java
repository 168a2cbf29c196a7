package io.intinode.node.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code intinode dht find-providers REF}: prints each provider as soon as it is found. */
@Command(name = "find-providers", mixinStandardHelpOptions = true,
        description = "Find peers that provide a blob; prints each peer id with its addresses as found.")
public final class DhtFindProvidersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    DhtCommand dht;

    @Parameters(paramLabel = "REF", description = "sha256:<hex> or a raw CIDv1 (bafkrei…).")
    String ref;

    @Mixin
    LookupTimeout timeout;

    @Option(names = "--max", paramLabel = "N", defaultValue = "20", description = "Stop after N providers (default 20).")
    int max;

    @Option(names = "--json", description = "Print one JSON array of {peer, addrs} at the end.")
    boolean json;

    @Override
    public Integer call() {
        if (max < 1) {
            throw new CliException(ExitCodes.BAD_INPUT, "--max must be at least 1");
        }
        String key = DhtCommand.keyHex(ref);
        List<String> found = new ArrayList<>();
        int code = ControlClient.call(dht.parent.dataDir(), "find-providers " + key + " " + timeout.value.toMillis() + " " + max,
                line -> {
                    String[] p = line.split(" ", 3); // provider <id> <addr,addr>
                    if (json) {
                        found.add(PeersCommand.jsonPeer(p[1], p.length > 2 ? p[2] : ""));
                    } else {
                        out().println(p[1] + (p.length > 2 && !p[2].isEmpty() ? " " + p[2].replace(",", " ") : ""));
                    }
                }, text -> System.err.println("intinode: " + text));
        if (json) {
            out().println("[" + String.join(",", found) + "]");
        }
        return code;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
