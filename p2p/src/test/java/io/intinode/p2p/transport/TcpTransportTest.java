package io.intinode.p2p.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.multiaddr.Multiaddr;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class TcpTransportTest {
    @Test
    void mapsTcpMultiaddrsToSocketAddressesAndBack() {
        InetSocketAddress v4 = TcpTransport.socketAddress(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"), true);
        assertThat(v4.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(v4.getPort()).isEqualTo(4001);
        InetSocketAddress v6 = TcpTransport.socketAddress(Multiaddr.parse(
                "/ip6/::1/tcp/5/p2p/12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5"), true);
        assertThat(TcpTransport.toMultiaddr(v6).toString()).isEqualTo("/ip6/::1/tcp/5");
        assertThat(TcpTransport.toMultiaddr(v4).toString()).isEqualTo("/ip4/127.0.0.1/tcp/4001");
        // Names stay unresolved until Netty connects.
        assertThat(TcpTransport.socketAddress(Multiaddr.parse("/dns4/localhost/tcp/1"), true).isUnresolved()).isTrue();
    }

    @Test
    void refusesWhatIsNotTcpWithAClearMessage() {
        assertThatThrownBy(() -> TcpTransport.socketAddress(Multiaddr.parse("/ip4/127.0.0.1/udp/1"), true))
                .isInstanceOf(TransportException.class).hasMessageContaining("not a TCP address");
        assertThatThrownBy(() -> TcpTransport.socketAddress(Multiaddr.parse("/ip4/127.0.0.1"), true))
                .hasMessageContaining("not a TCP address");
        assertThatThrownBy(() -> TcpTransport.socketAddress(Multiaddr.parse("/dns/localhost/tcp/1"), false))
                .hasMessageContaining("cannot listen on a DNS name");
        assertThatThrownBy(() -> TcpTransport.socketAddress(
                Multiaddr.parse("/ip4/127.0.0.1/tcp/1/ip4/127.0.0.1/tcp/2"), true))
                .hasMessageContaining("not a TCP address");
    }
}
