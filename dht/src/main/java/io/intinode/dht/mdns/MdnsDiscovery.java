package io.intinode.dht.mdns;

import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LAN peer discovery per the libp2p mDNS spec: asks {@code <service-name> PTR} on 224.0.0.251:5353 at start
 * and every interval, answers every such query with our addresses, and reports peers others announce. Only
 * ever sends to the mDNS multicast group on the chosen interfaces.
 */
public final class MdnsDiscovery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MdnsDiscovery.class);
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", 5353);
    private static final String NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final MdnsCodec codec;
    private final PeerId self;
    private final Supplier<List<Multiaddr>> ourAddrs;
    private final Consumer<PeerInfo> onPeer;
    private final String peerName;
    private final MulticastSocket socket;
    private final List<NetworkInterface> interfaces;
    private final ScheduledExecutorService queries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mdns-query").factory());
    private volatile boolean closed;

    private MdnsDiscovery(MdnsConfig config, PeerId self, Supplier<List<Multiaddr>> ourAddrs,
            Consumer<PeerInfo> onPeer, MulticastSocket socket, List<NetworkInterface> interfaces) {
        this.codec = new MdnsCodec(config.serviceName());
        this.self = self;
        this.ourAddrs = ourAddrs;
        this.onPeer = onPeer;
        this.socket = socket;
        this.interfaces = interfaces;
        SecureRandom random = new SecureRandom();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 32; i++) { // the spec asks for a random peer-name, 32 to 63 characters
            name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        this.peerName = name.toString();
    }

    /**
     * Joins the mDNS group and starts asking and answering.
     *
     * @param ourAddrs our dialable addresses, read at each answer (they end in {@code /p2p/<self>} on the wire)
     * @param onPeer called on the receiving thread for each peer announced, ourselves excluded
     */
    public static MdnsDiscovery start(MdnsConfig config, PeerId self, Supplier<List<Multiaddr>> ourAddrs,
            Consumer<PeerInfo> onPeer) {
        try {
            List<NetworkInterface> interfaces = interfaces(config);
            if (interfaces.isEmpty()) {
                throw new MdnsException("no up, multicast-capable interface for mDNS"
                        + config.interfaceName().map(n -> " named " + n).orElse(""));
            }
            MulticastSocket socket = new MulticastSocket(GROUP.getPort());
            socket.setTimeToLive(255); // RFC 6762 §11
            for (NetworkInterface nif : interfaces) {
                socket.joinGroup(GROUP, nif);
            }
            MdnsDiscovery d = new MdnsDiscovery(config, self, ourAddrs, onPeer, socket, interfaces);
            Thread.ofPlatform().daemon().name("mdns-receive").start(d::receive);
            long every = config.queryInterval().toMillis();
            d.queries.scheduleWithFixedDelay(d::query, 0, every, TimeUnit.MILLISECONDS);
            return d;
        } catch (IOException e) {
            throw new MdnsException("cannot start mDNS: " + e.getMessage(), e);
        }
    }

    private static List<NetworkInterface> interfaces(MdnsConfig config) throws SocketException {
        List<NetworkInterface> out = new ArrayList<>();
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
            boolean chosen = config.interfaceName().map(n -> n.equals(nif.getName()))
                    .orElse(!nif.isLoopback());
            if (chosen && nif.isUp() && nif.supportsMulticast()) {
                out.add(nif);
            }
        }
        return out;
    }

    private void query() {
        send(codec.query());
    }

    private void send(byte[] packet) {
        for (NetworkInterface nif : interfaces) {
            try {
                socket.setNetworkInterface(nif);
                socket.send(new DatagramPacket(packet, packet.length, GROUP));
            } catch (IOException e) {
                if (!closed) {
                    log.info("mDNS send on {} failed: {}", nif.getName(), e.getMessage());
                }
            }
        }
    }

    private void receive() {
        byte[] buf = new byte[MdnsCodec.MAX_PACKET_BYTES];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    log.warn("mDNS receive failed, discovery stops: {}", e.getMessage());
                }
                return;
            }
            handle(packet);
        }
    }

    private void handle(DatagramPacket packet) {
        try {
            switch (codec.decode(packet.getData(), packet.getLength())) {
                case MdnsMessage.Query q -> answer();
                case MdnsMessage.Response r -> r.peers().stream().filter(p -> !p.id().equals(self)).forEach(onPeer);
                case MdnsMessage.Ignored i -> { }
            }
        } catch (MdnsException e) {
            log.debug("ignoring mDNS packet from {}: {}", packet.getAddress(), e.getMessage());
        }
    }

    private void answer() {
        List<Multiaddr> addrs = ourAddrs.get().stream().map(a -> a.withPeerId(self)).toList();
        if (!addrs.isEmpty()) {
            send(codec.response(peerName, addrs));
        }
    }

    @Override
    public void close() {
        closed = true;
        queries.shutdownNow();
        socket.close();
    }

    @Override
    public String toString() {
        return "mDNS on " + interfaces.stream().map(NetworkInterface::getName).toList() + " as "
                + peerName.toLowerCase(Locale.ROOT);
    }
}
