package io.intinode.node.cli;

import io.intinode.dht.mdns.MdnsConfig;
import io.intinode.dht.mdns.MdnsException;
import io.intinode.dht.providers.ProviderConfig;
import io.intinode.dht.providers.ProviderStoreException;
import io.intinode.dht.service.DhtConfig;
import io.intinode.node.api.ApiServer;
import io.intinode.node.config.ConfigException;
import io.intinode.node.config.ConfigFile;
import io.intinode.node.privacy.ShareMode;
import io.intinode.node.seeding.GateConfig;
import io.intinode.node.share.ShareSettings;
import io.intinode.p2p.identity.PeerId;
import io.intinode.node.daemon.LocalServices;
import io.intinode.node.daemon.NodeDht;
import io.intinode.node.daemon.P2pNode;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.IdentityStore;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.MultiaddrException;
import io.intinode.p2p.transport.TransportException;
import io.intinode.transfer.blob.UploadConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    /** Longest a stop on SIGTERM or Ctrl-C may take before the process exits without waiting further. */
    public static final Duration STOP_BOUND = Duration.ofSeconds(10);

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

    @Option(names = "--provider-ttl", paramLabel = "DURATION", converter = DhtCommand.DurationConverter.class,
            description = "How long provider records from other peers are kept unless republished, e.g. 48h or 30m"
                    + " on a LAN (default 48h).")
    Duration providerTtl = ProviderConfig.DEFAULT.recordTtl();

    @Option(names = "--republish", paramLabel = "DURATION", converter = DhtCommand.DurationConverter.class,
            description = "How often this node announces again the blobs it shares; shorter than --provider-ttl"
                    + " (default 22h).")
    Duration republish = ProviderConfig.DEFAULT.republishInterval();

    @Option(names = "--no-mdns", description = "Do not discover peers on the LAN with mDNS (on by default).")
    boolean noMdns;

    @Option(names = "--mdns-service", paramLabel = "NAME", defaultValue = MdnsConfig.DEFAULT_SERVICE_NAME,
            description = "mDNS service name; nodes with another name ignore each other (default: ${DEFAULT-VALUE}).")
    String mdnsService;

    @Option(names = "--api-listen", paramLabel = "IP:PORT",
            description = "Also serve the local API over TCP here (e.g. 127.0.0.1:5001); clients must send"
                    + " 'Authorization: Bearer <token>' with the token from <data-dir>/api.token. The API is always"
                    + " on the Unix socket <data-dir>/api.sock.")
    String apiListen;

    @Option(names = "--share", paramLabel = "on|off",
            description = "The sharing switch (default off; also: intinode share on). What 'on' announces is"
                    + " share-mode in the config file: all (the default) or canonical.")
    String share;

    @Option(names = "--lan-peer", paramLabel = "PEER_ID",
            description = "Treat this peer as on the LAN, as if mDNS had found it (ask it first for blobs, serve it"
                    + " LAN-scoped blobs); repeatable. For networks without multicast.")
    List<String> lanPeer = List.of();

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    UploadOptions uploadOptions;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: <data-dir>/intinode.conf if it exists). Command-line options win.")
    Path configPath;

    /** Config keys: the long option names without dashes; {@code mdns = on|off} stands for --no-mdns. */
    static final Set<String> SINGLE_KEYS = union(union(Set.of("dht-protocol", "mdns", "mdns-service", "api-listen",
            "quota", "share", "provider-ttl", "republish"), ShareConfig.SINGLE_KEYS), UploadOptions.KEYS);
    static final Set<String> REPEATABLE_KEYS = union(Set.of("listen", "bootstrap"), ShareConfig.REPEATABLE_KEYS);

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    @Override
    public Integer call() throws InterruptedException {
        ConfigFile config = applyConfig();
        ShareMode mode = ShareConfig.mode(config, share);
        ShareSettings sharing = ShareConfig.settings(config, mode);
        GateConfig gates = ShareConfig.gates(config);
        List<PeerId> lanPeers = lanPeers(config);
        UploadConfig uploads = uploadOptions.limits(config, gates.uploadBytesPerSecond());
        Optional<ApiServer.TcpListen> apiTcp = apiTcp();
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
        lanPeers.forEach(running.dht()::markLan);
        LocalServices local;
        try {
            local = LocalServices.start(parent.dataDir(), storeOptions.config(), node, running, sharing, gates,
                    uploads, apiTcp);
        } catch (IOException e) {
            running.close();
            node.close();
            throw new CliException(ExitCodes.FAILURE, "cannot start the local API: " + e.getMessage(), e);
        } catch (RuntimeException e) { // the store in use by another process, a bad data dir
            running.close();
            node.close();
            throw e;
        }
        ApiServer api = local.api();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long start = System.nanoTime();
            Thread.ofPlatform().daemon().name("node-stop-bound").start(() -> haltUnless(stopped));
            local.close(); // the API first: its clients see their connections end at once
            running.close();
            node.close();
            System.err.println("intinode: node stopped in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            stopped.countDown();
        }, "node-shutdown"));
        out().println("peer id: " + identity.peerId());
        for (Multiaddr a : node.host().listenAddrs()) {
            out().println("listening on " + a.withPeerId(identity.peerId()));
        }
        out().println("dht: " + dhtConfig.protocolId() + ", " + dhtConfig.bootstrap().size() + " bootstrap peers, "
                + running.mdns().map(m -> "LAN discovery " + m).orElse("no LAN discovery"));
        out().println("dht: provider records kept " + shortForm(dhtConfig.providers().recordTtl())
                + ", ours announced again every " + shortForm(dhtConfig.providers().republishInterval()));
        out().println("api: " + api.socket() + api.tcpAddress().map(a -> " and http://" + a.getHostString() + ":"
                + a.getPort() + " (token in " + tokenFile() + ")").orElse(""));
        out().println("config: " + config.path() + (Files.exists(config.path()) ? "" : " (absent: embedded defaults)"));
        out().println("share: " + (mode == ShareMode.OFF ? "off" : mode == ShareMode.ALL ? "on" : "on (canonical)"));
        out().println("cache: " + parent.dataDir() + " (quota " + storeOptions.quotaBytes() + " bytes)");
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

    /**
     * The stop's bound: a part that does not let go within {@link #STOP_BOUND} (each has its own, shorter wait)
     * must not keep the process alive; the store is crash-safe, so exiting without it loses nothing verified.
     */
    private static void haltUnless(CountDownLatch stopped) {
        try {
            if (stopped.await(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("intinode: the node did not stop within " + STOP_BOUND.toSeconds() + " s; exiting anyway");
        Runtime.getRuntime().halt(ExitCodes.FAILURE);
    }

    private DhtConfig dhtConfig() {
        try {
            ProviderConfig d = ProviderConfig.DEFAULT;
            return DhtConfig.defaults().withProtocolId(dhtProtocol)
                    .withBootstrap(bootstrap.stream().map(Multiaddr::parse).toList())
                    .withProviders(new ProviderConfig(providerTtl, republish, d.maxProvidersPerKey(),
                            d.maxRecordsPerPeer()));
        } catch (IllegalArgumentException e) { // MultiaddrException is one
            throw new CliException(ExitCodes.BAD_INPUT, "bad DHT option: " + e.getMessage(), e);
        }
    }

    /** Reads the config file and takes from it each option the command line did not give. */
    private ConfigFile applyConfig() {
        boolean explicit = configPath != null;
        Path path = explicit ? configPath : parent.dataDir().resolve("intinode.conf");
        try {
            ConfigFile config = ConfigFile.load(path, SINGLE_KEYS, REPEATABLE_KEYS, explicit);
            if (!given("--listen") && !config.all("listen").isEmpty()) {
                listen = config.all("listen");
            }
            if (!given("--bootstrap") && !config.all("bootstrap").isEmpty()) {
                bootstrap = config.all("bootstrap");
            }
            if (!given("--no-mdns")) {
                noMdns = !config.onOff("mdns", true);
            }
            if (!given("--dht-protocol")) {
                config.all("dht-protocol").forEach(v -> dhtProtocol = v);
            }
            if (!given("--mdns-service")) {
                config.all("mdns-service").forEach(v -> mdnsService = v);
            }
            if (!given("--provider-ttl")) {
                config.all("provider-ttl").forEach(v -> providerTtl = duration(path, "provider-ttl", v));
            }
            if (!given("--republish")) {
                config.all("republish").forEach(v -> republish = duration(path, "republish", v));
            }
            if (!given("--api-listen")) {
                config.all("api-listen").forEach(v -> apiListen = v);
            }
            if (!given("--share")) {
                share = config.all("share").isEmpty() ? null : config.onOff("share", false) ? "on" : "off";
            } else if (!share.matches("on|off")) {
                throw new CliException(ExitCodes.BAD_INPUT, "--share must be on or off, got: " + share);
            }
            if (!given("--quota")) {
                for (String v : config.all("quota")) {
                    try {
                        storeOptions.quotaBytes = ByteSizeConverter.parse(v);
                    } catch (picocli.CommandLine.TypeConversionException e) {
                        throw new ConfigException(path + ": quota: " + e.getMessage(), e);
                    }
                }
            }
            return config;
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad config: " + e.getMessage(), e);
        }
    }

    /** {@code 48h}, {@code 90m}, {@code 45s} or {@code 500ms}: the form the options take. */
    private static String shortForm(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static Duration duration(Path file, String key, String value) {
        try {
            return new DhtCommand.DurationConverter().convert(value);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new ConfigException(file + ": " + key + ": " + e.getMessage(), e);
        }
    }

    /** {@code lan-peer}: peers treated as LAN peers without mDNS (a static office, or tests with --no-mdns). */
    private List<PeerId> lanPeers(ConfigFile config) {
        try {
            return (given("--lan-peer") ? lanPeer : config.all("lan-peer")).stream().map(PeerId::parse).toList();
        } catch (IdentityException e) {
            throw new CliException(ExitCodes.BAD_INPUT, (given("--lan-peer") ? "bad --lan-peer: "
                    : "bad config: " + config.path() + ": lan-peer: ") + e.getMessage(), e);
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** {@code --api-listen} with the token of this data dir, created (random, mode 0600) on first use. */
    private Optional<ApiServer.TcpListen> apiTcp() {
        if (apiListen == null) {
            return Optional.empty();
        }
        int colon = apiListen.lastIndexOf(':');
        InetSocketAddress address;
        try {
            String host = apiListen.substring(0, Math.max(colon, 0)).replaceAll("^\\[|\\]$", "");
            if (colon < 0 || !host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw new IllegalArgumentException("want IP:PORT, e.g. 127.0.0.1:5001");
            }
            address = new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(apiListen.substring(colon + 1)));
        } catch (IllegalArgumentException | UnknownHostException e) { // NumberFormatException is one
            throw new CliException(ExitCodes.BAD_INPUT, "bad --api-listen " + apiListen + ": " + e.getMessage(), e);
        }
        try {
            Path file = tokenFile();
            if (!Files.exists(file)) {
                byte[] token = new byte[32];
                new SecureRandom().nextBytes(token);
                Files.createDirectories(file.getParent());
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(token) + "\n");
            }
            return Optional.of(new ApiServer.TcpListen(address, Files.readString(file).strip()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read or create the API token: " + e.getMessage(), e);
        }
    }

    private Path tokenFile() {
        return parent.dataDir().resolve("api.token");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
