package io.intinode.p2p.transport;

/** A dial or listen that failed: refused, timed out, unreachable, address not usable. */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
