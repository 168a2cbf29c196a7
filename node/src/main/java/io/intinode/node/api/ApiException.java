package io.intinode.node.api;

/** A request the API answers with an HTTP error status and a one-line JSON message. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
