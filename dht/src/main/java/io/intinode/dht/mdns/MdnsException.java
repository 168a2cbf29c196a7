package io.intinode.dht.mdns;

import io.intinode.dht.core.DhtException;

/** A malformed or oversized mDNS packet, or a socket failure of the discovery service. */
public class MdnsException extends DhtException {
    public MdnsException(String message) {
        super(message);
    }

    public MdnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
