package io.intinode.node.cli;

import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.PeerId;
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
        return ControlClient.call(dht.parent.dataDir(), "find-peer " + peer + " " + timeout.value.toMillis(), line -> {
            String[] p = line.split(" ", 3); // peer <id> <addr,addr>
            for (String a : p.length > 2 ? p[2].split(",") : new String[0]) {
                out().println(a + "/p2p/" + p[1]);
            }
        }, text -> { });
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
