package io.intinode.node.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanPeersTest {
    @Test
    void onlyPrivateLinkLocalAndLoopbackAddressesCountAsLan() throws Exception {
        for (String lan : List.of("127.0.0.1", "10.1.2.3", "192.168.0.9", "172.16.5.5", "169.254.1.1", "::1",
                "fe80::1", "fd00::5")) {
            assertThat(LanPeers.isLanAddress(new InetSocketAddress(InetAddress.getByName(lan), 4001))).as(lan)
                    .isTrue();
        }
        for (String wan : List.of("8.8.8.8", "172.32.0.1", "2001:db8::1", "100.64.0.1")) {
            assertThat(LanPeers.isLanAddress(new InetSocketAddress(InetAddress.getByName(wan), 4001))).as(wan)
                    .isFalse();
        }
    }

    @Test
    void aPeerWithoutAConnectionIsNotOnTheLan() {
        io.intinode.p2p.identity.PeerId p = io.intinode.p2p.identity.Identity.generate(new java.security.SecureRandom())
                .peerId();
        assertThat(new LanPeers(() -> java.util.Set.of(p), id -> java.util.Optional.empty()).isLan(p)).isFalse();
    }
}
