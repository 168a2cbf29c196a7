package io.intinode.p2p.ping;

/** A ping that failed; the message says why (refused, timeout, peer id mismatch, bad answer). */
public class PingException extends RuntimeException {
    public PingException(String message) {
        super(message);
    }

    public PingException(String message, Throwable cause) {
        super(message, cause);
    }
}
