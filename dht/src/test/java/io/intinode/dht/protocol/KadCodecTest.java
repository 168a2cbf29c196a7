package io.intinode.dht.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiformats.Cid;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KadCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final PeerId PEER = PeerId.parse("12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5");
    private static final Key BLOB = Key.ofCid(Cid.parse("bafkreian6msz26ca5axu7zve4ovx5ybdxs45jo3euehb2rtndtaluqbyd4"));
    private static final PeerInfo PEER_INFO = new PeerInfo(PEER, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));

    private final KadCodec codec = new KadCodec(KadLimits.DEFAULT);
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void noLeaks() {
        for (ByteBuf b : buffers) {
            assertThat(b.refCnt()).as("test buffer still owned once").isEqualTo(1);
            b.release();
        }
    }

    @Test
    void specVectorsDecodeAndReEncodeByteForByte() throws IOException {
        assertVector("find-node-request", KadMessage.FindNode.request(Key.ofPeer(PEER)));
        assertVector("find-node-response", new KadMessage.FindNode(Key.ofPeer(PEER), List.of(PEER_INFO)));
        assertVector("get-providers-request", KadMessage.GetProviders.request(BLOB));
        assertVector("get-providers-response",
                new KadMessage.GetProviders(BLOB, List.of(PEER_INFO), List.of(PEER_INFO)));
        assertVector("add-provider-request", new KadMessage.AddProvider(BLOB, List.of(PEER_INFO)));
        assertVector("ping", new KadMessage.Ping());
    }

    @Test
    void unsupportedValueMessagesDecodeSoTheyCanBeAnswered() {
        Key key = Key.of("/v/some-record".getBytes(StandardCharsets.UTF_8));
        assertThat(roundTrip(new KadMessage.GetValue(key, List.of(PEER_INFO))))
                .isEqualTo(new KadMessage.GetValue(key, List.of(PEER_INFO)));
        assertThat(roundTrip(new KadMessage.PutValue(key))).isEqualTo(new KadMessage.PutValue(key));
    }

    @Test
    void incompleteInputConsumesNothingUntilTheWholeFrameArrives() throws IOException {
        byte[] frame = vector("get-providers-response");
        ByteBuf in = track(Unpooled.buffer());
        for (int i = 0; i < frame.length - 1; i++) {
            in.writeByte(frame[i]);
            assertThat(codec.decode(in)).isNull();
            assertThat(in.readerIndex()).isZero();
        }
        in.writeByte(frame[frame.length - 1]);
        assertThat(codec.decode(in)).isInstanceOf(KadMessage.GetProviders.class);
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void twoFramesInOneBufferDecodeInOrder() throws IOException {
        ByteBuf in = track(Unpooled.wrappedBuffer(vector("ping"), vector("find-node-request")));
        assertThat(codec.decode(in)).isEqualTo(new KadMessage.Ping());
        assertThat(codec.decode(in)).isEqualTo(KadMessage.FindNode.request(Key.ofPeer(PEER)));
        assertThat(codec.decode(in)).isNull();
    }

    @Test
    void oversizedLengthIsRejectedBeforeTheBodyArrives() {
        KadCodec small = new KadCodec(new KadLimits(100, 10, 4));
        ByteBuf in = track(Unpooled.wrappedBuffer(HEX.parseHex("6508")));
        assertThatThrownBy(() -> small.decode(in)).isInstanceOf(KadProtocolException.class)
                .hasMessageContaining("101 bytes exceeds the 100-byte cap");
    }

    @Test
    void badLengthPrefixesAreRejected() {
        assertRejected("ffffffffffffffffff01", "bad kad length prefix");
        assertRejected("8000", "not minimally encoded");
    }

    @Test
    void garbageBodyIsRejected() {
        assertRejected("03ffffff", "malformed kad message");
        assertRejected("020a05", "malformed kad message"); // field 1 as length-delimited, truncated inside
    }

    @Test
    void unknownMessageTypeIsRejected() {
        assertRejected("020807", "unknown kad message type 7");
    }

    @Test
    void providerKeysMustBeSha256Multihashes() {
        byte[] short33 = new byte[33];
        short33[0] = 0x12;
        short33[1] = 0x20;
        assertRejected(message(3, short33), "GET_PROVIDERS key is not a sha2-256 multihash (33 bytes)");
        assertRejected(message(2, PEER.toBytes()), "ADD_PROVIDER key is not a sha2-256 multihash (38 bytes)");
        assertRejected(message(4, new byte[0]), "FIND_NODE with a bad key");
        assertRejected(message(4, new byte[Key.MAX_BYTES + 1]), "FIND_NODE with a bad key");
    }

    @Test
    void tooManyPeersRejectTheMessage() {
        KadCodec small = new KadCodec(new KadLimits(64 * 1024, 2, 4));
        ByteBuf frame = track(codec.encode(UnpooledByteBufAllocator.DEFAULT,
                new KadMessage.FindNode(BLOB, Collections.nCopies(3, PEER_INFO))));
        assertThatThrownBy(() -> small.decode(frame)).isInstanceOf(KadProtocolException.class)
                .hasMessageContaining("closerPeers lists 3 peers, more than the cap of 2");
    }

    @Test
    void unreadablePeersAndAddressesAreDroppedAndAddressesCapped() {
        // closerPeers: one with a garbage id, one valid peer with an address we cannot parse (/ip4/…/ws) and 3 good ones
        String badPeer = "0a03ffffff";
        String ws = "0a0a047f000001060fa1dd03";
        String good = "0a08047f000001060fa1";
        String peer = "0a26" + HEX.formatHex(PEER.toBytes()) + ws.replaceFirst("0a", "12") + (good.replaceFirst("0a", "12")).repeat(3);
        String body = "0804" + "1226" + HEX.formatHex(PEER.toBytes()) + "42" + len(badPeer) + badPeer + "42" + len(peer) + peer;
        KadCodec small = new KadCodec(new KadLimits(64 * 1024, 10, 2));
        KadMessage m = small.decode(track(Unpooled.wrappedBuffer(HEX.parseHex(len(body) + body))));
        assertThat(m).isInstanceOfSatisfying(KadMessage.FindNode.class, f -> {
            assertThat(f.closerPeers()).hasSize(1);
            assertThat(f.closerPeers().getFirst().id()).isEqualTo(PEER);
            assertThat(f.closerPeers().getFirst().addrs()).containsExactly(
                    Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"), Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"));
        });
    }

    @Test
    void encodingOverTheCapFails() {
        KadCodec small = new KadCodec(new KadLimits(100, 10, 4));
        assertThatThrownBy(() -> small.encode(UnpooledByteBufAllocator.DEFAULT,
                new KadMessage.FindNode(BLOB, List.of(PEER_INFO, PEER_INFO)))).isInstanceOf(KadProtocolException.class)
                .hasMessageContaining("exceeds the 100-byte cap");
    }

    private static String len(String hex) {
        int n = hex.length() / 2;
        return n < 128 ? String.format("%02x", n) : String.format("%02x%02x", (n & 0x7f) | 0x80, n >> 7);
    }

    private static String message(int type, byte[] key) {
        String body = String.format("08%02x12", type) + len(HEX.formatHex(key)) + HEX.formatHex(key);
        return len(body) + body;
    }

    private void assertRejected(String hex, String reason) {
        ByteBuf in = track(Unpooled.wrappedBuffer(HEX.parseHex(hex)));
        assertThatThrownBy(() -> codec.decode(in)).isInstanceOf(KadProtocolException.class).hasMessageContaining(reason);
    }

    private KadMessage roundTrip(KadMessage m) {
        ByteBuf frame = track(codec.encode(UnpooledByteBufAllocator.DEFAULT, m));
        KadMessage decoded = codec.decode(frame);
        assertThat(frame.isReadable()).isFalse();
        return decoded;
    }

    private void assertVector(String name, KadMessage expected) throws IOException {
        byte[] bytes = vector(name);
        assertThat(codec.decode(track(Unpooled.wrappedBuffer(bytes)))).as(name).isEqualTo(expected);
        ByteBuf encoded = track(codec.encode(UnpooledByteBufAllocator.DEFAULT, expected));
        assertThat(ByteBufUtil.getBytes(encoded)).as(name).isEqualTo(bytes);
    }

    private ByteBuf track(ByteBuf b) {
        buffers.add(b);
        return b;
    }

    private static byte[] vector(String name) throws IOException {
        try (InputStream in = KadCodecTest.class.getResourceAsStream("/vectors/kad/" + name + ".hex")) {
            return HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }
}
