package io.intinode.p2p.multiaddr;

import java.util.Arrays;
import java.util.Optional;

/** The multiaddr protocols intinode speaks, with their codes from the multicodec table. */
public enum Protocol {
    IP4(0x04, 4, "ip4"),
    TCP(0x06, 2, "tcp"),
    UDP(0x0111, 2, "udp"),
    IP6(0x29, 16, "ip6"),
    DNS(0x35, Protocol.VARIABLE, "dns"),
    DNS4(0x36, Protocol.VARIABLE, "dns4"),
    DNS6(0x37, Protocol.VARIABLE, "dns6"),
    P2P(0x01a5, Protocol.VARIABLE, "p2p");

    /** Marks protocols whose value is length-prefixed with a varint. */
    static final int VARIABLE = -1;

    private final int code;
    private final int size;
    private final String text;

    Protocol(int code, int size, String text) {
        this.code = code;
        this.size = size;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** Value size in bytes, or {@link #VARIABLE}. */
    int size() {
        return size;
    }

    public String text() {
        return text;
    }

    static Optional<Protocol> byName(String name) {
        // "ipfs" is the old name of p2p and still appears in the wild.
        String n = name.equals("ipfs") ? "p2p" : name;
        return Arrays.stream(values()).filter(p -> p.text.equals(n)).findFirst();
    }

    static Optional<Protocol> byCode(long code) {
        return Arrays.stream(values()).filter(p -> p.code == code).findFirst();
    }
}
