package io.intinode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intinode status}: the running node at a glance. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running node: peer id, listen addresses, connected peers, DHT routing table, cache"
                + " use and whether it shares. Exit code 6 when no node runs on the data dir.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    IntinodeCommand parent;

    @Option(names = "--json", description = "Print one JSON object: the node's status, its peers and share state.")
    boolean json;

    @Override
    public Integer call() {
        Path dataDir = parent.dataDir();
        JsonNode status = NodeClient.call(dataDir, HttpMethod.GET, "/v1/status", Duration.ZERO);
        JsonNode peers = NodeClient.call(dataDir, HttpMethod.GET, "/v1/peers", Duration.ZERO);
        boolean share = NodeClient.call(dataDir, HttpMethod.GET, "/v1/share", Duration.ZERO).path("share").asBoolean();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode all = ((ObjectNode) status.deepCopy()).put("share", share);
            all.set("peers", peers.path("connected"));
            out.println(all);
            return ExitCodes.OK;
        }
        int lan = 0;
        for (JsonNode p : peers.path("connected")) {
            lan += p.path("lan").asBoolean() ? 1 : 0;
        }
        out.println("peer id: " + status.path("peerId").asText());
        status.path("listen").forEach(a -> out.println("listening on " + a.asText()));
        out.println("peers: " + peers.path("connected").size() + " connected (" + lan + " on the LAN)");
        out.println("dht: " + status.path("dhtProtocol").asText() + ", routing table has "
                + status.path("routingTable").asInt() + " peers");
        long cache = status.path("cacheBytes").asLong();
        out.println(String.format(Locale.ROOT, "cache: %d bytes (%.1f MiB) in %s", cache, cache / 1048576.0,
                status.path("dataDir").asText()));
        out.println("share: " + (share ? "on" : "off"));
        return ExitCodes.OK;
    }
}
