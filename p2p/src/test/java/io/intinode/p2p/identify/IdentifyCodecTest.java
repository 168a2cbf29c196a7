package io.intinode.p2p.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.intinode.p2p.identify.pb.IdentifyProto.Identify;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentifyCodecTest {
    private final Identity me = Identity.generate(new SecureRandom());
    private final Multiaddr listen = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");

    private byte[] encoded() {
        return IdentifyCodec.encode(me.publicKey(), "intinode/test", List.of(listen),
                List.of("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0"), Optional.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/5")));
    }

    @Test
    void roundTripsTheFieldsWeSend() throws Exception {
        IdentifyInfo info = IdentifyCodec.read(new ByteArrayInputStream(encoded()), me.peerId());
        assertThat(info.protocolVersion()).isEqualTo("ipfs/0.1.0");
        assertThat(info.agentVersion()).isEqualTo("intinode/test");
        assertThat(info.listenAddrs()).containsExactly(listen);
        assertThat(info.protocols()).containsExactly("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0");
        assertThat(info.observedAddr()).contains(Multiaddr.parse("/ip4/10.0.0.2/tcp/5"));
    }

    @Test
    void skipsAddressesWeDoNotSpeakButKeepsTheRest() {
        // /ip4/127.0.0.1/udp/4001/quic-v1 (0x01cc) is valid libp2p, just not ours.
        byte[] quic = HexFormat.of().parseHex("047f000001910fa1cc03");
        byte[] body = Identify.newBuilder()
                .setPublicKey(ByteString.copyFrom(me.publicKey().toProtobuf()))
                .addListenAddrs(ByteString.copyFrom(quic))
                .addListenAddrs(ByteString.copyFrom(listen.toBytes()))
                .build().toByteArray();
        assertThat(IdentifyCodec.decode(body, me.peerId()).listenAddrs()).containsExactly(listen);
    }

    @Test
    void rejectsAKeyThatIsNotThePeers() {
        Identity other = Identity.generate(new SecureRandom());
        byte[] msg = encoded();
        assertThatThrownBy(() -> IdentifyCodec.read(new ByteArrayInputStream(msg), other.peerId()))
                .isInstanceOf(IdentifyException.class).hasMessageContaining("not the peer's");
    }

    @Test
    void rejectsMalformedTruncatedAndOversized() {
        byte[] msg = encoded();
        assertThatThrownBy(() -> IdentifyCodec.read(new ByteArrayInputStream(Arrays.copyOf(msg, msg.length - 3)),
                me.peerId())).isInstanceOf(EOFException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> IdentifyCodec.read(new ByteArrayInputStream(new byte[0]), me.peerId()))
                .isInstanceOf(EOFException.class);
        // Length 8193, one over the limit: refused before reading the body.
        assertThatThrownBy(() -> IdentifyCodec.read(new ByteArrayInputStream(new byte[] {(byte) 0x81, 0x40}),
                me.peerId())).hasMessageContaining("exceeds 8192");
        assertThatThrownBy(() -> IdentifyCodec.read(new ByteArrayInputStream(
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}), me.peerId())).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> IdentifyCodec.decode(new byte[] {0x0a, 0x05, 1}, me.peerId()))
                .hasMessageContaining("malformed identify message");
        byte[] badKey = Identify.newBuilder().setPublicKey(ByteString.copyFrom(new byte[] {8, 2, 18, 1, 1}))
                .build().toByteArray();
        assertThatThrownBy(() -> IdentifyCodec.decode(badKey, me.peerId())).hasMessageContaining("bad public key");
    }
}
