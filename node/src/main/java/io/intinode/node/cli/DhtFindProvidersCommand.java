package io.intinode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.intinode.store.Digest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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

/** {@code intinode dht find-providers REF}: asks the running node and prints the providers it found. */
@Command(name = "find-providers", mixinStandardHelpOptions = true,
        description = "Find peers that provide a blob; prints each peer id with its addresses.")
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
        return print(dht.parent.dataDir(), DhtCommand.digest(ref), max, timeout.value, json, out());
    }

    /** Asks the node at {@code dataDir} for the blob's providers and prints them, one a line or as JSON. */
    static int print(Path dataDir, Digest digest, int max, Duration timeout, boolean json, PrintWriter out) {
        if (max < 1) {
            throw new CliException(ExitCodes.BAD_INPUT, "--max must be at least 1");
        }
        String path = "/v1/providers/" + digest + "?max=" + max + "&timeoutMs=" + timeout.toMillis();
        JsonNode providers = NodeClient.call(dataDir, HttpMethod.GET, path, timeout);
        if (providers.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "no providers found for " + digest);
        }
        List<String> found = new ArrayList<>();
        for (JsonNode p : providers) {
            List<String> addrs = new ArrayList<>();
            p.path("addrs").forEach(a -> addrs.add(a.asText()));
            if (json) {
                found.add(PeersCommand.jsonPeer(p.path("peer").asText(), addrs));
            } else {
                out.println(String.join(" ", concat(p.path("peer").asText(), addrs)));
            }
        }
        if (json) {
            out.println("[" + String.join(",", found) + "]");
        }
        return ExitCodes.OK;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
