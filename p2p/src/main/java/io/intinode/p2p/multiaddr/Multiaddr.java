package io.intinode.p2p.multiaddr;

import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiformats.MultiformatException;
import io.intinode.p2p.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A multiaddr: a path of protocol components, e.g. {@code /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…}. */
public record Multiaddr(List<Component> components) {
    /** Real addresses are well under this; longer input is refused before parsing. */
    public static final int MAX_BYTES = 1024;

    public Multiaddr {
        components = List.copyOf(components);
        if (components.isEmpty()) {
            throw new MultiaddrException("empty multiaddr");
        }
    }

    public static Multiaddr parse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '/') {
            throw new MultiaddrException("multiaddr must start with '/': " + text);
        }
        if (text.length() > MAX_BYTES) {
            throw new MultiaddrException("multiaddr longer than " + MAX_BYTES + " characters");
        }
        String[] parts = text.substring(1).split("/", -1);
        List<Component> out = new ArrayList<>();
        int i = 0;
        int end = parts.length;
        if (end > 0 && parts[end - 1].isEmpty() && end > 1) {
            end--; // a single trailing slash is tolerated
        }
        while (i < end) {
            String name = parts[i++];
            Protocol protocol = Protocol.byName(name).orElseThrow(() -> unsupported(name, text));
            if (i >= end || parts[i].isEmpty()) {
                throw new MultiaddrException("/" + name + " needs a value in " + text);
            }
            out.add(Component.parse(protocol, parts[i++]));
        }
        return new Multiaddr(out);
    }

    public static Multiaddr fromBytes(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new MultiaddrException("binary multiaddr longer than " + MAX_BYTES + " bytes");
        }
        List<Component> out = new ArrayList<>();
        int pos = 0;
        try {
            while (pos < bytes.length) {
                Varint.Decoded code = Varint.decode(bytes, pos);
                pos += code.length();
                Protocol protocol = Protocol.byCode(code.value()).orElseThrow(() -> new MultiaddrException(
                        "unsupported multiaddr protocol code 0x" + Long.toHexString(code.value())));
                int size = protocol.size();
                if (size == Protocol.VARIABLE) {
                    Varint.Decoded len = Varint.decodeInt(bytes, pos);
                    pos += len.length();
                    size = (int) len.value();
                }
                if (bytes.length - pos < size) {
                    throw new MultiaddrException("truncated /" + protocol.text() + " value");
                }
                out.add(new Component(protocol, Arrays.copyOfRange(bytes, pos, pos + size)));
                pos += size;
            }
        } catch (MultiformatException e) {
            throw new MultiaddrException("malformed binary multiaddr: " + e.getMessage(), e);
        }
        return new Multiaddr(out);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Component c : components) {
            Varint.write(c.protocol().code(), out);
            byte[] value = c.value();
            if (c.protocol().size() == Protocol.VARIABLE) {
                Varint.write(value.length, out);
            }
            out.writeBytes(value);
        }
        return out.toByteArray();
    }

    /** The peer id of a trailing {@code /p2p/…}, if any. */
    public Optional<PeerId> peerId() {
        Component last = components.getLast();
        return last.protocol() == Protocol.P2P ? Optional.of(PeerId.fromBytes(last.value())) : Optional.empty();
    }

    public Multiaddr withoutPeerId() {
        return peerId().isPresent() ? new Multiaddr(components.subList(0, components.size() - 1)) : this;
    }

    public Multiaddr withPeerId(PeerId id) {
        List<Component> out = new ArrayList<>(withoutPeerId().components);
        out.add(new Component(Protocol.P2P, id.toBytes()));
        return new Multiaddr(out);
    }

    public Optional<Component> first(Protocol protocol) {
        return components.stream().filter(c -> c.protocol() == protocol).findFirst();
    }

    @Override
    public String toString() {
        return components.stream().map(Component::toString).collect(Collectors.joining());
    }

    private static MultiaddrException unsupported(String name, String text) {
        return new MultiaddrException("unsupported multiaddr protocol '" + name + "' in " + text
                + " (supported: ip4, ip6, tcp, udp, dns, dns4, dns6, p2p)");
    }
}
