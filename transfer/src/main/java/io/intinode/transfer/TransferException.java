package io.intinode.transfer;

/** Any failure of the transfer module; the message is fit for a one-line CLI error. */
public class TransferException extends RuntimeException {
    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
