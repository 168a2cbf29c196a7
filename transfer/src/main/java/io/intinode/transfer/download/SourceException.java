package io.intinode.transfer.download;

/** A chunk source could not answer (absent, refused, broken stream, timeout). */
public class SourceException extends RuntimeException {
    private final boolean absent;

    public SourceException(String message, boolean absent, Throwable cause) {
        super(message, cause);
        this.absent = absent;
    }

    public SourceException(String message, boolean absent) {
        this(message, absent, null);
    }

    /** True when the source answered that it does not have (or will not share) the blob. */
    public boolean absent() {
        return absent;
    }
}
