package io.intinode.p2p.noise;

import io.intinode.p2p.core.SecurityException;

/** A Noise handshake or transport failure; the connection it happened on is closed. */
public class NoiseException extends SecurityException {
    public NoiseException(String message) {
        super(message);
    }

    public NoiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
