package io.intinode.p2p.identify;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.testing.NoLeaks;
import io.intinode.p2p.yamux.YamuxMuxer;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
@Timeout(30)
class IdentifyServiceTest {
    private final SecureRandom random = new SecureRandom();
    private final List<Host> hosts = new ArrayList<>();

    @AfterEach
    void close() {
        hosts.forEach(Host::close);
    }

    private Host host() {
        Identity id = Identity.generate(random);
        Host h = new Host(id, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
                new NoiseTransport(id, random), new YamuxMuxer());
        hosts.add(h);
        return h;
    }

    @Test
    void pushUpdatesWhatWeKnowAndKeepsAbsentFields() throws Exception {
        Host a = host();
        Host b = host();
        IdentifyService ida = IdentifyService.install(a);
        IdentifyService.install(b);
        a.start();
        b.start();
        b.connect(a.listenAddrs().getFirst().withPeerId(a.peerId())).get(10, TimeUnit.SECONDS);
        IdentifyInfo before = ida.future(b.peerId()).get(10, TimeUnit.SECONDS);
        assertThat(before.protocols()).doesNotContain("/new/1.0.0");

        // b pushes a new protocol list and nothing else.
        NegotiatedStream push = b.newStream(b.connection(a.peerId()).orElseThrow(),
                List.of(IdentifyService.PUSH_PROTOCOL_ID)).get(10, TimeUnit.SECONDS);
        byte[] msg = IdentifyCodec.encode(b.identity().publicKey(), "", List.of(), List.of("/new/1.0.0"),
                Optional.empty());
        try (OutputStream out = new MuxedStreamOutputStream(push)) {
            out.write(msg);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ida.info(b.peerId()).map(i -> !i.protocols().contains("/new/1.0.0")).orElse(true)) {
            assertThat(System.nanoTime()).as("push applied in time").isLessThan(deadline);
            Thread.sleep(5); // polling interval of a bounded wait on a condition
        }
        IdentifyInfo after = ida.info(b.peerId()).orElseThrow();
        assertThat(after.protocols()).containsExactly("/new/1.0.0");
        assertThat(after.agentVersion()).isEqualTo(before.agentVersion());
        assertThat(after.listenAddrs()).isEqualTo(before.listenAddrs());
    }

    @Test
    void pushToAllAnnouncesANewProtocol() throws Exception {
        Host a = host();
        Host b = host();
        IdentifyService ida = IdentifyService.install(a);
        IdentifyService idb = IdentifyService.install(b);
        a.start();
        b.start();
        b.connect(a.listenAddrs().getFirst().withPeerId(a.peerId())).get(10, TimeUnit.SECONDS);
        ida.future(b.peerId()).get(10, TimeUnit.SECONDS);

        b.setHandler("/added/1.0.0", (c, s) -> s.reset());
        idb.pushToAll().get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ida.info(b.peerId()).map(i -> !i.protocols().contains("/added/1.0.0")).orElse(true)) {
            assertThat(System.nanoTime()).as("push applied in time").isLessThan(deadline);
            Thread.sleep(5); // polling interval of a bounded wait on a condition
        }
        assertThat(ida.info(b.peerId()).orElseThrow().protocols()).contains(IdentifyService.PROTOCOL_ID);
    }
}
