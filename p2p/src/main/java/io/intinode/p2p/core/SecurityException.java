package io.intinode.p2p.core;

/** The secure handshake failed: garbage, bad signature, wrong peer, timeout. */
public class SecurityException extends RuntimeException {
    public SecurityException(String message) {
        super(message);
    }

    public SecurityException(String message, Throwable cause) {
        super(message, cause);
    }
}
