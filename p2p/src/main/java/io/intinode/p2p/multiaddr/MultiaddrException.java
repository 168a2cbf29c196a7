package io.intinode.p2p.multiaddr;

/** A multiaddr that is malformed, truncated, oversized or uses a protocol intinode does not speak. */
public class MultiaddrException extends IllegalArgumentException {
    public MultiaddrException(String message) {
        super(message);
    }

    public MultiaddrException(String message, Throwable cause) {
        super(message, cause);
    }
}
