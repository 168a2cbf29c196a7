package io.intinode.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.identify.IdentifyInfo;
import io.intinode.p2p.identify.IdentifyService;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.ping.PingProtocol;
import io.intinode.p2p.testing.NoLeaks;
import io.intinode.p2p.upgrade.Connection;
import io.intinode.p2p.yamux.YamuxMuxer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
@Timeout(30)
class HostTest {
    static final String ECHO = "/intinode/test/echo/1.0.0";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private final List<Host> hosts = new ArrayList<>();

    @AfterEach
    void closeHosts() {
        hosts.forEach(Host::close);
    }

    Host host(HostConfig config) {
        Identity id = Identity.generate(RANDOM);
        Host h = new Host(id, config, new NoiseTransport(id, RANDOM), new YamuxMuxer());
        hosts.add(h);
        PingProtocol.install(h);
        h.setHandler(ECHO, HostTest::echo);
        return h.start();
    }

    Host host() {
        return host(HostConfig.defaults(List.of(LOOPBACK)));
    }

    static void echo(Connection c, NegotiatedStream s) throws Exception {
        try (InputStream in = new MuxedStreamInputStream(s); OutputStream out = new MuxedStreamOutputStream(s)) {
            in.transferTo(out);
        }
    }

    static Multiaddr addr(Host h) {
        return h.listenAddrs().getFirst().withPeerId(h.peerId());
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(5); // polling interval of a bounded wait on a condition
        }
    }

    @Test
    void connectIdentifyAndPingBothWays() throws Exception {
        Host a = host();
        Host b = host();
        IdentifyService ida = IdentifyService.install(a);
        IdentifyService idb = IdentifyService.install(b);
        Connection c = a.connect(addr(b)).get(10, TimeUnit.SECONDS);
        assertThat(c.remotePeer()).isEqualTo(b.peerId());

        IdentifyInfo aboutB = ida.future(b.peerId()).get(10, TimeUnit.SECONDS);
        assertThat(aboutB.protocols()).contains(PingProtocol.PROTOCOL_ID, IdentifyService.PROTOCOL_ID, ECHO,
                IdentifyService.PUSH_PROTOCOL_ID);
        assertThat(aboutB.listenAddrs()).containsExactlyElementsOf(b.listenAddrs());
        assertThat(aboutB.observedAddr()).isPresent();
        IdentifyInfo aboutA = idb.future(a.peerId()).get(10, TimeUnit.SECONDS);
        assertThat(aboutA.agentVersion()).startsWith("intinode/");
        assertThat(aboutA.observedAddr()).contains(b.listenAddrs().getFirst());

        assertThat(PingProtocol.ping(a, addr(b), 3, Duration.ofSeconds(5))).hasSize(3)
                .allSatisfy(rtt -> assertThat(rtt).isPositive());
        assertThat(PingProtocol.ping(b, addr(a), 1, Duration.ofSeconds(5))).hasSize(1);
        // Both directions used the one connection.
        assertThat(a.connections()).hasSize(1);
        assertThat(b.connections()).hasSize(1);
    }

    @Test
    void echoesAMegabyteOnOneStreamAndManyStreamsAtOnce() throws Exception {
        Host a = host();
        Host b = host();
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        NegotiatedStream s = a.newStream(addr(b), List.of("/nope/1.0.0", ECHO)).get(10, TimeUnit.SECONDS);
        assertThat(s.protocol()).isEqualTo(ECHO);
        assertThat(roundTrip(s, data)).isEqualTo(data);

        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 50; i++) {
            byte[] small = ("stream " + i).getBytes();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    NegotiatedStream st = a.newStream(addr(b), List.of(ECHO)).get(10, TimeUnit.SECONDS);
                    assertThat(roundTrip(st, small)).isEqualTo(small);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(a.connections()).hasSize(1);
    }

    static byte[] roundTrip(NegotiatedStream s, byte[] data) throws Exception {
        MuxedStreamInputStream in = new MuxedStreamInputStream(s);
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream out = new MuxedStreamOutputStream(s)) {
                out.write(data);
            } catch (Exception e) {
                s.reset();
            }
        });
        byte[] back = in.readAllBytes();
        writer.join();
        in.close();
        return back;
    }

    @Test
    void unsupportedProtocolFailsTheStreamNotTheConnection() throws Exception {
        Host a = host();
        Host b = host();
        assertThatThrownBy(() -> a.newStream(addr(b), List.of("/nope/1.0.0")).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("none of [/nope/1.0.0]");
        assertThat(PingProtocol.ping(a, addr(b), 1, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void peerIdMismatchAndRefusedDialsFailClearly() throws Exception {
        Host a = host();
        Host b = host();
        Identity other = Identity.generate(RANDOM);
        Multiaddr wrong = b.listenAddrs().getFirst().withPeerId(other.peerId());
        assertThatThrownBy(() -> a.connect(wrong).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("peer id mismatch");
        int freePort;
        try (ServerSocket ss = new ServerSocket(0)) {
            freePort = ss.getLocalPort();
        }
        assertThatThrownBy(() -> a.connect(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + freePort)).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("connection refused");
        Multiaddr udp = Multiaddr.parse("/ip4/127.0.0.1/udp/1/p2p/" + other.peerId());
        assertThatThrownBy(() -> a.connect(udp).get(10, TimeUnit.SECONDS)).hasMessageContaining("not a TCP address");
        assertThat(a.connections()).isEmpty();
    }

    @Test
    void garbageAndLimitsCloseOnlyTheOffendingConnection() throws Exception {
        Host b = host(HostConfig.defaults(List.of(LOOPBACK)).withLimits(16, 2, 2));
        Host a = host();
        a.connect(addr(b)).get(10, TimeUnit.SECONDS);
        int port = b.listenAddrs().getFirst().components().get(1).port();
        try (Socket garbage = new Socket("127.0.0.1", port)) {
            // A multistream message that does not end in a newline: malformed at once.
            garbage.getOutputStream().write(new byte[] {5, 'h', 'e', 'l', 'l', 'o', '!'});
            garbage.setSoTimeout(10_000);
            // The host closes it: read drains b's multistream header (if any) and then hits end of stream.
            assertThat(garbage.getInputStream().readAllBytes().length).isLessThan(100);
        }
        // Per-IP limit 2: a holds one, a second client fits, a third is refused at once.
        Host c = host();
        c.connect(addr(b)).get(10, TimeUnit.SECONDS);
        Host d = host();
        assertThatThrownBy(() -> d.connect(addr(b)).get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(PingProtocol.ping(a, addr(b), 1, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        Host b = host(HostConfig.defaults(List.of(LOOPBACK)).withIdleTimeout(Duration.ofMillis(200)));
        Host a = host();
        List<Connection> gone = java.util.Collections.synchronizedList(new ArrayList<>());
        a.addConnectionListener(new ConnectionListener() {
            @Override
            public void disconnected(Connection c) {
                gone.add(c);
            }
        });
        PingProtocol.ping(a, addr(b), 1, Duration.ofSeconds(5));
        await(() -> !gone.isEmpty(), "idle connection to close");
        assertThat(gone.getFirst().remotePeer()).isEqualTo(b.peerId());
        assertThat(a.connections()).isEmpty();
    }
}
