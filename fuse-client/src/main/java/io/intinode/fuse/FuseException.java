package io.intinode.fuse;

/** Any failure of the FUSE client (mounting, unmounting, the mount table); fit for a one-line CLI error. */
public class FuseException extends RuntimeException {
    public FuseException(String message) {
        super(message);
    }

    public FuseException(String message, Throwable cause) {
        super(message, cause);
    }
}
