package io.intinode.node.cli;

import io.intinode.node.daemon.P2pNode;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.IdentityStore;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.MultiaddrException;
import io.intinode.p2p.transport.TransportException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code intinode node}: runs the libp2p host (identify, ping) until SIGINT or SIGTERM. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a long-lived node: listens for peers (Noise, yamux, identify, ping) until stopped"
                + " with Ctrl-C or SIGTERM.")
public final class NodeCommand implements Callable<Integer> {
    static final String DEFAULT_LISTEN = "/ip4/0.0.0.0/tcp/4001";

    @ParentCommand
    IntinodeCommand parent;

    @Option(names = "--listen", paramLabel = "MULTIADDR", defaultValue = DEFAULT_LISTEN,
            description = "TCP address to listen on, repeatable; port 0 picks a free port (default: "
                    + DEFAULT_LISTEN + ").")
    List<String> listen;

    @Override
    public Integer call() throws InterruptedException {
        List<Multiaddr> addrs;
        try {
            addrs = listen.stream().map(Multiaddr::parse).toList();
        } catch (MultiaddrException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad --listen address: " + e.getMessage(), e);
        }
        Identity identity;
        try {
            identity = new IdentityStore(parent.dataDir()).loadOrCreate(new SecureRandom());
        } catch (IdentityException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        P2pNode node = P2pNode.create(identity, HostConfig.defaults(addrs));
        try {
            node.host().start();
        } catch (TransportException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            System.err.println("intinode: node stopped");
            stopped.countDown();
        }, "node-shutdown"));
        System.out.println("peer id: " + identity.peerId());
        for (Multiaddr a : node.host().listenAddrs()) {
            System.out.println("listening on " + a.withPeerId(identity.peerId()));
        }
        System.out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
