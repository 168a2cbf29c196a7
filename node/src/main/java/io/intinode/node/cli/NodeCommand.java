package io.intinode.node.cli;

import io.intinode.dht.mdns.MdnsConfig;
import io.intinode.dht.mdns.MdnsException;
import io.intinode.dht.providers.ProviderStoreException;
import io.intinode.dht.service.DhtConfig;
import io.intinode.node.daemon.ControlServer;
import io.intinode.node.daemon.NodeDht;
import io.intinode.node.daemon.P2pNode;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.IdentityStore;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.MultiaddrException;
import io.intinode.p2p.transport.TransportException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intinode node}: runs the libp2p host (identify, ping) and the DHT until SIGINT or SIGTERM. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a long-lived node: listens for peers (Noise, yamux, identify, ping, kad-dht) until stopped"
                + " with Ctrl-C or SIGTERM.")
public final class NodeCommand implements Callable<Integer> {
    static final String DEFAULT_LISTEN = "/ip4/0.0.0.0/tcp/4001";

    @ParentCommand
    IntinodeCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "MULTIADDR", defaultValue = DEFAULT_LISTEN,
            description = "TCP address to listen on, repeatable; port 0 picks a free port (default: "
                    + DEFAULT_LISTEN + ").")
    List<String> listen;

    @Option(names = "--dht-protocol", paramLabel = "ID", defaultValue = DhtConfig.DEFAULT_PROTOCOL_ID,
            description = "kad-dht protocol id; nodes find each other only with the same id (default: ${DEFAULT-VALUE}).")
    String dhtProtocol;

    @Option(names = "--bootstrap", paramLabel = "MULTIADDR",
            description = "DHT peer to join through, ending in /p2p/<peer id>; repeatable. Without any, peers are"
                    + " found on the LAN only.")
    List<String> bootstrap = List.of();

    @Option(names = "--no-mdns", description = "Do not discover peers on the LAN with mDNS (on by default).")
    boolean noMdns;

    @Option(names = "--mdns-service", paramLabel = "NAME", defaultValue = MdnsConfig.DEFAULT_SERVICE_NAME,
            description = "mDNS service name; nodes with another name ignore each other (default: ${DEFAULT-VALUE}).")
    String mdnsService;

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
        DhtConfig dhtConfig = dhtConfig();
        P2pNode node = P2pNode.create(identity, HostConfig.defaults(addrs));
        NodeDht dht;
        try {
            dht = NodeDht.start(node, parent.dataDir(), dhtConfig);
        } catch (ProviderStoreException e) {
            node.close();
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        try {
            node.host().start();
        } catch (TransportException e) {
            dht.close();
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        if (!noMdns) {
            try {
                dht = dht.withMdns(node, new MdnsConfig(mdnsService, MdnsConfig.defaults().queryInterval(),
                        Optional.empty()));
            } catch (MdnsException e) {
                System.err.println("intinode: LAN discovery off: " + e.getMessage());
            }
        }
        NodeDht running = dht;
        ControlServer control;
        try {
            control = ControlServer.start(parent.dataDir(), node.host(), running.dht());
        } catch (java.io.IOException e) {
            running.close();
            node.close();
            throw new CliException(ExitCodes.FAILURE, "cannot open the control socket in " + parent.dataDir() + ": "
                    + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            running.close();
            node.close();
            System.err.println("intinode: node stopped");
            stopped.countDown();
        }, "node-shutdown"));
        out().println("peer id: " + identity.peerId());
        for (Multiaddr a : node.host().listenAddrs()) {
            out().println("listening on " + a.withPeerId(identity.peerId()));
        }
        out().println("dht: " + dhtConfig.protocolId() + ", " + dhtConfig.bootstrap().size() + " bootstrap peers, "
                + running.mdns().map(m -> "LAN discovery " + m).orElse("no LAN discovery"));
        out().flush();
        if (!dhtConfig.bootstrap().isEmpty()) {
            Thread.ofVirtual().name("dht-bootstrap").start(() -> {
                try {
                    running.dht().bootstrap();
                    out().println("dht: routing table has " + running.dht().routingTableSize() + " peers");
                    out().flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        stopped.await();
        return ExitCodes.OK;
    }

    private DhtConfig dhtConfig() {
        try {
            return DhtConfig.defaults().withProtocolId(dhtProtocol)
                    .withBootstrap(bootstrap.stream().map(Multiaddr::parse).toList());
        } catch (IllegalArgumentException e) { // MultiaddrException is one
            throw new CliException(ExitCodes.BAD_INPUT, "bad DHT option: " + e.getMessage(), e);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
