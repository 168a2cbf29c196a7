package io.intinode.node.office;

/**
 * {@code /intinode/office/1.0.0}: a LAN peer asks "what do you announce to the LAN?" by opening a stream; the
 * host writes one {@link OfficeAnswer} and closes. Only peers that are LAN peers (found by mDNS, or configured
 * as such) on a connection from a private, link-local or loopback address get the real answer; anyone else
 * gets the answer of a host that announces nothing, byte for byte.
 */
public final class OfficeProtocol {
    public static final String PROTOCOL_ID = "/intinode/office/1.0.0";
    /** The largest office set one answer carries. */
    public static final int MAX_SET = 65_536;
    public static final int VERSION = 1;

    private OfficeProtocol() {}
}
