package io.intinode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code intinode peers}: the running node's connections and routing table size. */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "List the running node's connected peers (LAN or not) and its DHT routing table size.")
public final class PeersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    IntinodeCommand parent;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        JsonNode peers = NodeClient.call(parent.dataDir(), HttpMethod.GET, "/v1/peers", Duration.ZERO);
        if (json) {
            out().println(peers);
            return ExitCodes.OK;
        }
        for (JsonNode p : peers.path("connected")) {
            List<String> addrs = new ArrayList<>();
            p.path("addrs").forEach(a -> addrs.add(a.asText()));
            out().println(p.path("peer").asText() + " " + (p.path("lan").asBoolean() ? "lan" : "wan") + " "
                    + String.join(" ", addrs));
        }
        out().println("routing table: " + peers.path("routingTable").asInt() + " peers");
        return ExitCodes.OK;
    }

    /** {@code {"peer":…,"addrs":[…]}}; peer ids and multiaddrs need no JSON escaping. */
    static String jsonPeer(String id, List<String> addrs) {
        return "{\"peer\":\"" + id + "\",\"addrs\":[" + String.join(",", addrs.stream().map(a -> "\"" + a + "\"")
                .toList()) + "]}";
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
