package io.intinode.p2p.identity;

/** A key or peer id that cannot be used: malformed, unsupported type, bad signature, unreadable key file. */
public class IdentityException extends RuntimeException {
    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
