package io.intinode.p2p.identify;

/** An identify message that is malformed, oversized, or names a key that is not the peer's. */
public class IdentifyException extends RuntimeException {
    public IdentifyException(String message) {
        super(message);
    }
}
