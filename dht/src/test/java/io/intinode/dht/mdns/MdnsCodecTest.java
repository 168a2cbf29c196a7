package io.intinode.dht.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MdnsCodecTest {
    private static final String SERVICE = "_p2p._udp.local";
    private static final PeerId PEER = PeerId.parse("12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5");
    private final MdnsCodec codec = new MdnsCodec(SERVICE);

    @Test
    void queryIsTheSpecQuestionAndIsRecognised() {
        byte[] q = codec.query();
        assertThat(HexFormat.of().formatHex(q)).isEqualTo("000000000001000000000000"
                + "045f703270045f756470056c6f63616c00" + "000c0001");
        assertThat(codec.decode(q, q.length)).isEqualTo(new MdnsMessage.Query());
        byte[] other = new MdnsCodec("_other._udp.local").query();
        assertThat(codec.decode(other, other.length)).isEqualTo(new MdnsMessage.Ignored());
    }

    @Test
    void responseRoundTripsPeerAndAddresses() {
        List<Multiaddr> addrs = List.of(Multiaddr.parse("/ip4/10.99.0.11/tcp/4001/p2p/" + PEER),
                Multiaddr.parse("/ip6/fe80::1/tcp/4001/p2p/" + PEER));
        byte[] r = codec.response("abcdefghijklmnopqrstuvwxyz012345", addrs);
        assertThat(codec.decode(r, r.length)).isEqualTo(new MdnsMessage.Response(List.of(new PeerInfo(PEER,
                List.of(Multiaddr.parse("/ip4/10.99.0.11/tcp/4001"), Multiaddr.parse("/ip6/fe80::1/tcp/4001"))))));
    }

    @Test
    void jsStyleResponseWithCompressedNamesAndTxtAsAnswer() {
        // as @libp2p/mdns sends it: PTR and TXT both in the answer section, names compressed
        Packet p = new Packet(0x8400, 0, 2);
        int serviceAt = p.size();
        p.name("_p2p._udp.local").u16(12).u16(1).u32(120);
        Packet target = new Packet().label("peer1").pointer(serviceAt);
        p.u16(target.size()).bytes(target.toBytes());
        int instanceAt = serviceAt + 17 + 8 + 2; // the PTR rdata: after name, type, class, ttl, rdlength
        p.pointer(instanceAt).u16(16).u16(0x8001).u32(120);
        Packet txt = new Packet().string("dnsaddr=/ip4/10.99.0.12/tcp/4001/p2p/" + PEER)
                .string("dnsaddr=/ip4/10.99.0.12/udp/4001/quic-v1/p2p/" + PEER).string("junk");
        p.u16(txt.size()).bytes(txt.toBytes());
        byte[] b = p.toBytes();
        assertThat(codec.decode(b, b.length)).isEqualTo(new MdnsMessage.Response(
                List.of(new PeerInfo(PEER, List.of(Multiaddr.parse("/ip4/10.99.0.12/tcp/4001"))))));
    }

    @Test
    void txtRecordsOfNamesNoPtrPointsAtAreIgnored() {
        Packet p = new Packet(0x8400, 0, 1);
        p.name("stranger._p2p._udp.local").u16(16).u16(1).u32(120);
        Packet txt = new Packet().string("dnsaddr=/ip4/10.0.0.1/tcp/1/p2p/" + PEER);
        p.u16(txt.size()).bytes(txt.toBytes());
        byte[] b = p.toBytes();
        assertThat(codec.decode(b, b.length)).isEqualTo(new MdnsMessage.Ignored());
    }

    @Test
    void everyTruncationIsAnMdnsErrorOrIgnoredNeverACrash() {
        byte[] r = codec.response("peer", List.of(Multiaddr.parse("/ip4/10.99.0.11/tcp/4001/p2p/" + PEER)));
        for (int len = 0; len < r.length; len++) {
            int n = len;
            try {
                assertThat(codec.decode(r, n)).isNotInstanceOf(MdnsMessage.Response.class);
            } catch (MdnsException expected) {
                // truncated
            }
        }
    }

    @Test
    void randomGarbageOnlyEverFailsWithMdnsException() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            try {
                codec.decode(junk, junk.length);
            } catch (MdnsException expected) {
                // fine
            }
        }
    }

    @Test
    void compressionLoopsAndOversizedPacketsAreRejected() {
        byte[] loop = HexFormat.of().parseHex("000084000000000100000000" + "c00c");
        assertThatThrownBy(() -> codec.decode(loop, loop.length)).isInstanceOf(MdnsException.class)
                .hasMessageContaining("compression pointer");
        byte[] big = new byte[MdnsCodec.MAX_PACKET_BYTES + 1];
        assertThatThrownBy(() -> codec.decode(big, big.length)).isInstanceOf(MdnsException.class)
                .hasMessageContaining("exceeds");
        byte[] manyRecords = HexFormat.of().parseHex("00008400ffff000000000000");
        assertThatThrownBy(() -> codec.decode(manyRecords, manyRecords.length)).isInstanceOf(MdnsException.class);
    }

    /** A DNS packet built field by field, for hand-made vectors. */
    private static final class Packet {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Packet() {}

        Packet(int flags, int questions, int answers) {
            u16(0).u16(flags).u16(questions).u16(answers).u16(0).u16(0);
        }

        Packet u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Packet u32(int v) {
            return u16(v >>> 16).u16(v & 0xFFFF);
        }

        Packet label(String l) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.writeBytes(b);
            return this;
        }

        Packet name(String n) {
            for (String l : n.split("\\.")) {
                label(l);
            }
            out.write(0);
            return this;
        }

        Packet pointer(int at) {
            return u16(0xC000 | at);
        }

        Packet string(String s) {
            return label(s);
        }

        Packet bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
