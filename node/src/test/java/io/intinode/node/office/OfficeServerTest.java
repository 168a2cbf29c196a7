package io.intinode.node.office;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.yamux.YamuxMuxer;
import io.intinode.store.Digest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Real hosts on loopback: the office set reaches LAN peers only; everyone else gets "nothing". */
class OfficeServerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Digest MARKER = Digest.parse("sha256:" + "ab".repeat(32));
    private static final Digest INTERNAL = Digest.parse("sha256:" + "cd".repeat(32));

    @Test
    void lanPeersLearnTheOfficeSetAndOthersLearnNothing() throws Exception {
        try (Host server = host(); Host coworker = host(); Host stranger = host()) {
            OfficeAnswer real = OfficeAnswer.of(Optional.of(MARKER), Set.of(INTERNAL));
            LanPeers lan = new LanPeers(() -> Set.of(coworker.peerId()), server::connection);
            new OfficeServer(lan::isLan, () -> real).install(server);
            Multiaddr addr = server.listenAddrs().getFirst().withPeerId(server.peerId());

            assertThat(new OfficeClient(coworker, Duration.ofSeconds(10)).ask(addr)).isEqualTo(real);
            OfficeAnswer outside = new OfficeClient(stranger, Duration.ofSeconds(10)).ask(addr);
            assertThat(outside).isEqualTo(OfficeAnswer.NOTHING);
            assertThat(OfficeCodec.encode(outside)).as("the bytes of a host that announces nothing")
                    .isEqualTo(OfficeCodec.encode(OfficeAnswer.NOTHING));
        }
    }

    private static Host host() {
        Identity id = Identity.generate(RANDOM);
        return new Host(id, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
                new NoiseTransport(id, RANDOM), new YamuxMuxer()).start();
    }
}
