package io.intinode.p2p.multistream;

/** Negotiation failed: malformed message, wrong header, or no protocol in common. */
public class MultistreamException extends RuntimeException {
    public MultistreamException(String message) {
        super(message);
    }
}
