package io.intinode.p2p.multiformats;

/** Malformed, truncated or oversized multiformat input; the message names what was wrong. */
public class MultiformatException extends IllegalArgumentException {
    public MultiformatException(String message) {
        super(message);
    }
}
