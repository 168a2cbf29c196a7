package io.intinode.node.office;

/** A malformed, truncated or oversized office answer. */
public final class OfficeProtocolException extends RuntimeException {
    public OfficeProtocolException(String message) {
        super(message);
    }
}
