package io.intinode.dht.mdns;

import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.MultiaddrException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The DNS messages of libp2p mDNS discovery (RFC 1035 wire format, RFC 6762): a query for
 * {@code <service-name> PTR}, and a response whose PTR names {@code <peer-name>.<service-name>} and whose TXT
 * records on that name carry {@code dnsaddr=<multiaddr>/p2p/<peer id>}. TXT records are read from any section,
 * since js-libp2p sends them as answers. Decoding checks every length against the packet and follows at most a
 * few compression pointers.
 */
public final class MdnsCodec {
    /** RFC 6762 §17: mDNS packets may reach 9000 bytes; anything larger is refused unread. */
    public static final int MAX_PACKET_BYTES = 9000;
    static final int TYPE_PTR = 12;
    static final int TYPE_TXT = 16;
    private static final int TYPE_ANY = 255;
    private static final int CLASS_IN = 1;
    private static final int MAX_POINTER_HOPS = 16;
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_RECORDS = 256;
    private static final String DNSADDR = "dnsaddr=";
    static final int TTL_SECONDS = 120;

    private final String serviceName;

    /** @param serviceName e.g. {@code _p2p._udp.local} */
    public MdnsCodec(String serviceName) {
        this.serviceName = normalise(serviceName);
    }

    public byte[] query() {
        ByteArrayOutputStream out = header(0, 1, 0);
        writeName(out, serviceName);
        writeShort(out, TYPE_PTR);
        writeShort(out, CLASS_IN);
        return out.toByteArray();
    }

    /** Our answer: PTR to {@code peerName.service}, then one TXT record with a {@code dnsaddr=} per address. */
    public byte[] response(String peerName, List<Multiaddr> addrs) {
        String instance = peerName + "." + serviceName;
        ByteArrayOutputStream out = header(0x8400, 0, 2); // QR + AA
        writeName(out, serviceName);
        writeShort(out, TYPE_PTR);
        writeShort(out, CLASS_IN);
        writeInt(out, TTL_SECONDS);
        byte[] target = nameBytes(instance);
        writeShort(out, target.length);
        out.writeBytes(target);

        ByteArrayOutputStream txt = new ByteArrayOutputStream();
        for (Multiaddr a : addrs) {
            byte[] s = (DNSADDR + a).getBytes(StandardCharsets.UTF_8);
            if (s.length > 255) {
                throw new MdnsException("address too long for a TXT string: " + a);
            }
            txt.write(s.length);
            txt.writeBytes(s);
        }
        writeName(out, instance);
        writeShort(out, TYPE_TXT);
        writeShort(out, CLASS_IN);
        writeInt(out, TTL_SECONDS);
        writeShort(out, txt.size());
        out.writeBytes(txt.toByteArray());
        byte[] packet = out.toByteArray();
        if (packet.length > MAX_PACKET_BYTES) {
            throw new MdnsException("mDNS response of " + packet.length + " bytes exceeds " + MAX_PACKET_BYTES);
        }
        return packet;
    }

    public MdnsMessage decode(byte[] packet, int length) {
        if (length > MAX_PACKET_BYTES) {
            throw new MdnsException("mDNS packet of " + length + " bytes exceeds " + MAX_PACKET_BYTES);
        }
        Reader r = new Reader(packet, length);
        r.u16(); // id
        int flags = r.u16();
        int questions = r.u16();
        int records = r.u16() + r.u16() + r.u16();
        if (questions + records > MAX_RECORDS) {
            throw new MdnsException("mDNS packet claims " + (questions + records) + " entries");
        }
        boolean response = (flags & 0x8000) != 0;
        boolean askedForUs = false;
        for (int i = 0; i < questions; i++) {
            String name = r.name();
            int type = r.u16();
            r.u16(); // class, with the unicast-response bit
            askedForUs |= name.equals(serviceName) && (type == TYPE_PTR || type == TYPE_ANY);
        }
        if (!response) {
            return askedForUs ? new MdnsMessage.Query() : new MdnsMessage.Ignored();
        }
        List<String> instances = new ArrayList<>();
        Map<String, List<String>> txts = new LinkedHashMap<>();
        for (int i = 0; i < records; i++) {
            String name = r.name();
            int type = r.u16();
            r.u16(); // class, with the cache-flush bit
            r.u32(); // ttl
            int rdLength = r.u16();
            int end = r.require(rdLength);
            if (type == TYPE_PTR && name.equals(serviceName)) {
                instances.add(r.name());
            } else if (type == TYPE_TXT) {
                txts.computeIfAbsent(name, n -> new ArrayList<>()).addAll(r.strings(end));
            }
            r.seek(end);
        }
        List<PeerInfo> peers = new ArrayList<>();
        for (String instance : instances) {
            peerOf(txts.getOrDefault(instance, List.of())).ifPresent(peers::add);
        }
        return peers.isEmpty() ? new MdnsMessage.Ignored() : new MdnsMessage.Response(peers);
    }

    /** The peer behind one instance's dnsaddr strings; addresses naming another peer or unparsable are dropped. */
    private static Optional<PeerInfo> peerOf(List<String> strings) {
        PeerId peer = null;
        List<Multiaddr> addrs = new ArrayList<>();
        for (String s : strings) {
            if (!s.startsWith(DNSADDR)) {
                continue;
            }
            try {
                Multiaddr a = Multiaddr.parse(s.substring(DNSADDR.length()));
                Optional<PeerId> id = a.peerId();
                if (id.isEmpty() || (peer != null && !peer.equals(id.get()))) {
                    continue;
                }
                peer = id.get();
                addrs.add(a.withoutPeerId());
            } catch (MultiaddrException | io.intinode.p2p.identity.IdentityException e) {
                // an address we cannot use; the others of this peer still count
            }
        }
        return peer == null ? Optional.empty() : Optional.of(new PeerInfo(peer, addrs));
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static ByteArrayOutputStream header(int flags, int questions, int answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        writeShort(out, 0);
        writeShort(out, flags);
        writeShort(out, questions);
        writeShort(out, answers);
        writeShort(out, 0);
        writeShort(out, 0);
        return out;
    }

    private static byte[] nameBytes(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : name.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.UTF_8);
            if (b.length == 0 || b.length > 63) {
                throw new MdnsException("bad DNS label '" + label + "' in " + name);
            }
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        out.writeBytes(nameBytes(name));
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        writeShort(out, v >>> 16);
        writeShort(out, v & 0xFFFF);
    }

    /** Bounds-checked reads over one packet. */
    private static final class Reader {
        private final byte[] p;
        private final int length;
        private int pos;

        Reader(byte[] p, int length) {
            this.p = p;
            this.length = length;
        }

        int require(int n) {
            if (n < 0 || pos + n > length) {
                throw new MdnsException("truncated mDNS packet at byte " + pos);
            }
            return pos + n;
        }

        void seek(int to) {
            pos = to;
        }

        int u8() {
            require(1);
            return p[pos++] & 0xFF;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        long u32() {
            return ((long) u16() << 16) | u16();
        }

        /** A name, following compression pointers (bounded) and returning to after the first one. */
        String name() {
            StringBuilder sb = new StringBuilder();
            int at = pos;
            int resume = -1;
            for (int hops = 0; ; ) {
                if (at >= length) {
                    throw new MdnsException("truncated DNS name");
                }
                int len = p[at] & 0xFF;
                if ((len & 0xC0) == 0xC0) {
                    if (at + 1 >= length || ++hops > MAX_POINTER_HOPS) {
                        throw new MdnsException("bad DNS name compression pointer");
                    }
                    if (resume < 0) {
                        resume = at + 2;
                    }
                    at = ((len & 0x3F) << 8) | (p[at + 1] & 0xFF);
                    continue;
                }
                if ((len & 0xC0) != 0) {
                    throw new MdnsException("unknown DNS label type 0x" + Integer.toHexString(len));
                }
                if (len == 0) {
                    pos = resume >= 0 ? resume : at + 1;
                    return sb.toString().toLowerCase(Locale.ROOT);
                }
                if (at + 1 + len > length || sb.length() + len + 1 > MAX_NAME_BYTES) {
                    throw new MdnsException("DNS label runs past the packet or the name limit");
                }
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(new String(p, at + 1, len, StandardCharsets.UTF_8));
                at += 1 + len;
            }
        }

        List<String> strings(int end) {
            List<String> out = new ArrayList<>();
            while (pos < end) {
                int len = u8();
                if (pos + len > end) {
                    throw new MdnsException("TXT string runs past its record");
                }
                out.add(new String(p, pos, len, StandardCharsets.UTF_8));
                pos += len;
            }
            return out;
        }
    }
}
