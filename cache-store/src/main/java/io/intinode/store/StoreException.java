package io.intinode.store;

/** Any failure of the blob store; the message is fit for a one-line CLI error. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
