package io.intinode.p2p.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.identity.PeerId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultiaddrTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PEER = "12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5";

    // Binary vectors from the multiaddr spec and go-multiaddr's test table.
    @ParameterizedTest
    @CsvSource({
        "/ip4/127.0.0.1/tcp/4001, 047f000001060fa1",
        "/ip4/127.0.0.1/udp/1234, 047f000001910204d2",
        "/ip6/::1/tcp/4001, 29000000000000000000000000000000010" + "60fa1",
        "/ip6/2001:db8::1:0:0:1/udp/53, 2920010db8000000000001000000000001910200" + "35",
        "/dns4/example.com/tcp/443, 360b6578616d706c652e636f6d0601bb",
        "/dns/localhost/tcp/1, 35096c6f63616c686f737406" + "0001",
        "/dns6/a.b/udp/0, 3703612e62910200" + "00"})
    void textAndBinaryRoundTrip(String text, String hex) {
        Multiaddr ma = Multiaddr.parse(text);
        assertThat(HEX.formatHex(ma.toBytes())).isEqualTo(hex);
        assertThat(Multiaddr.fromBytes(HEX.parseHex(hex))).isEqualTo(ma);
        assertThat(ma.toString()).isEqualTo(text);
    }

    @Test
    void peerIdComponent() {
        Multiaddr ma = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001/p2p/" + PEER);
        assertThat(ma.peerId()).contains(PeerId.parse(PEER));
        assertThat(ma.withoutPeerId().toString()).isEqualTo("/ip4/10.0.0.1/tcp/4001");
        assertThat(ma.withoutPeerId().withPeerId(PeerId.parse(PEER))).isEqualTo(ma);
        // p2p code 0x01a5 as varint a503, then the length-prefixed multihash.
        assertThat(HEX.formatHex(ma.toBytes())).contains("a50326002408011220");
        assertThat(Multiaddr.fromBytes(ma.toBytes())).isEqualTo(ma);
        assertThat(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001/ipfs/" + PEER)).isEqualTo(ma);
        assertThat(ma.first(Protocol.TCP).orElseThrow().port()).isEqualTo(4001);
    }

    @Test
    void ipv6TextIsCanonical() {
        assertThat(Multiaddr.parse("/ip6/0:0:0:0:0:0:0:1").toString()).isEqualTo("/ip6/::1");
        assertThat(Multiaddr.parse("/ip6/::").toString()).isEqualTo("/ip6/::");
        assertThat(Multiaddr.parse("/ip6/fe80:0:0:1:0:0:0:1").toString()).isEqualTo("/ip6/fe80:0:0:1::1");
        assertThat(Multiaddr.parse("/ip6/::ffff:1.2.3.4").toString()).isEqualTo("/ip6/::ffff:102:304");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ip4/1.2.3.4", "/", "/ip4", "/ip4/", "/ip4/1.2.3", "/ip4/1.2.3.256",
        "/ip4/01.2.3.4", "/ip4/1.2.3.4/tcp", "/ip4/1.2.3.4/tcp/65536", "/ip4/1.2.3.4/tcp/-1",
        "/ip4/1.2.3.4/tcp/08", "/ip6/localhost", "/ip6/1:2:3:4:5:6:7:8:9", "/dns4/a b",
        "/p2p/notapeer", "/quic-v1", "/ip4/1.2.3.4/udp/1/quic-v1", "/unix/tmp", "/ip4/1.2.3.4//tcp/1"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> Multiaddr.parse(text)).isInstanceOf(MultiaddrException.class);
    }

    @Test
    void unsupportedProtocolsAreNamed() {
        assertThatThrownBy(() -> Multiaddr.parse("/ip4/1.2.3.4/udp/1/quic-v1"))
                .hasMessageContaining("unsupported multiaddr protocol 'quic-v1'").hasMessageContaining("supported:");
        assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex("cc03")))
                .hasMessageContaining("unsupported multiaddr protocol code 0x1cc");
    }

    @ParameterizedTest
    @CsvSource({
        "'', empty", "04, truncated", "047f0000, truncated", "047f000001" + "06, truncated",
        "36, truncated varint", "3605616263, truncated /dns4", "3600, invalid DNS name",
        "a5030400010203, not a peer id", "80, truncated varint", "ffffffffffffffffff01, longer than"})
    void rejectsMalformedBinary(String hex, String message) {
        assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex(hex)))
                .isInstanceOf(MultiaddrException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsOversized() {
        assertThatThrownBy(() -> Multiaddr.parse("/dns/" + "a".repeat(2000))).hasMessageContaining("longer than");
        assertThatThrownBy(() -> Multiaddr.parse("/dns/" + "a".repeat(300))).hasMessageContaining("invalid DNS");
        assertThatThrownBy(() -> Multiaddr.fromBytes(new byte[2000])).hasMessageContaining("longer than");
    }
}
