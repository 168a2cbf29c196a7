package io.intinode.p2p.multiaddr;

import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.PeerId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One protocol of a multiaddr and its value, kept in binary form (text is derived from it). */
public record Component(Protocol protocol, byte[] value) {
    /** DNS names are at most 253 characters; anything longer is not a name. */
    static final int MAX_DNS_BYTES = 253;

    public Component {
        value = value.clone();
        validate(protocol, value);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public static Component parse(Protocol protocol, String text) {
        return new Component(protocol, switch (protocol) {
            case IP4 -> ip4(text);
            case IP6 -> ip6(text);
            case TCP, UDP -> port(text);
            case DNS, DNS4, DNS6 -> text.getBytes(StandardCharsets.UTF_8);
            case P2P -> peerId(text).toBytes();
        });
    }

    public String valueText() {
        return switch (protocol) {
            case IP4, IP6 -> IpText.format(value);
            case TCP, UDP -> Integer.toString(port());
            case DNS, DNS4, DNS6 -> new String(value, StandardCharsets.UTF_8);
            case P2P -> PeerId.fromBytes(value).toString();
        };
    }

    /** The port of a tcp or udp component. */
    public int port() {
        return ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
    }

    @Override
    public String toString() {
        return "/" + protocol.text() + "/" + valueText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Component c && c.protocol == protocol && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
        return protocol.hashCode() * 31 + Arrays.hashCode(value);
    }

    private static void validate(Protocol protocol, byte[] value) {
        if (protocol.size() != Protocol.VARIABLE && value.length != protocol.size()) {
            throw new MultiaddrException("/" + protocol.text() + " needs " + protocol.size() + " bytes, got "
                    + value.length);
        }
        switch (protocol) {
            case DNS, DNS4, DNS6 -> {
                String name = new String(value, StandardCharsets.UTF_8);
                if (value.length == 0 || value.length > MAX_DNS_BYTES || name.contains("/")
                        || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                    throw new MultiaddrException("invalid DNS name for /" + protocol.text() + ": " + name);
                }
            }
            case P2P -> {
                try {
                    PeerId.fromBytes(value);
                } catch (IdentityException e) {
                    throw new MultiaddrException("invalid /p2p value: " + e.getMessage(), e);
                }
            }
            default -> { }
        }
    }

    private static byte[] ip4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new MultiaddrException("invalid IPv4 address: " + text);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
                throw new MultiaddrException("invalid IPv4 address: " + text);
            }
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static byte[] ip6(String text) {
        // Only literal characters: InetAddress must never fall back to a DNS lookup here.
        if (!text.contains(":") || !text.matches("[0-9a-fA-F:.]{2,45}")) {
            throw new MultiaddrException("invalid IPv6 address: " + text);
        }
        try {
            byte[] raw = InetAddress.getByName(text).getAddress();
            if (raw.length == 4) { // Java folds ::ffff:a.b.c.d into IPv4; keep the IPv6 form
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(raw, 0, mapped, 12, 4);
                return mapped;
            }
            return raw;
        } catch (UnknownHostException e) {
            throw new MultiaddrException("invalid IPv6 address: " + text, e);
        }
    }

    private static byte[] port(String text) {
        if (!text.matches("0|[1-9][0-9]{0,4}") || Integer.parseInt(text) > 65535) {
            throw new MultiaddrException("invalid port: " + text);
        }
        int port = Integer.parseInt(text);
        return new byte[] {(byte) (port >>> 8), (byte) port};
    }

    private static PeerId peerId(String text) {
        try {
            return PeerId.parse(text);
        } catch (IdentityException e) {
            throw new MultiaddrException("invalid /p2p value: " + e.getMessage(), e);
        }
    }
}
