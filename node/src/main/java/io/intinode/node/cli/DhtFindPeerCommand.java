package io.intinode.node.cli;

import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.PeerId;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code intinode dht find-peer PEERID}. */
@Command(name = "find-peer", mixinStandardHelpOptions = true, description = "Find the addresses of a peer.")
public final class DhtFindPeerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    DhtCommand dht;

    @Parameters(paramLabel = "PEERID", description = "The peer id (12D3KooW… or a libp2p-key CID).")
    String peer;

    @Mixin
    LookupTimeout timeout;

    @Override
    public Integer call() {
        try {
            PeerId.parse(peer);
        } catch (IdentityException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        JsonNode found = NodeClient.call(dht.parent.dataDir(), HttpMethod.GET, "/v1/peers/" + peer + "?timeoutMs="
                + timeout.value.toMillis(), timeout.value);
        found.path("addrs").forEach(a -> out().println(a.asText() + "/p2p/" + found.path("peer").asText()));
        return ExitCodes.OK;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
