package io.intinode.node.cli;

import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.IdentityStore;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code intinode id}: prints this node's peer id, creating the identity on first use. */
@Command(name = "id", mixinStandardHelpOptions = true,
        description = "Print this node's peer id (creates the identity in the data directory if needed).")
public final class IdCommand implements Callable<Integer> {
    @ParentCommand
    IntinodeCommand parent;

    @Override
    public Integer call() {
        try {
            System.out.println(new IdentityStore(parent.dataDir()).loadOrCreate(new SecureRandom()).peerId());
            return ExitCodes.OK;
        } catch (IdentityException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }
}
