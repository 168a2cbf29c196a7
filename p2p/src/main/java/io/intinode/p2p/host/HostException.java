package io.intinode.p2p.host;

/** A host operation failed: limits, unknown protocol, no address to dial. */
public class HostException extends RuntimeException {
    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
