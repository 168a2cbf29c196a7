package io.intinode.fuse.fs;

import io.intinode.fuse.FuseException;

/** A stub's content could not be had (fetch failed, timed out, or was cancelled); open answers EIO. */
public final class BlobUnavailableException extends FuseException {
    public BlobUnavailableException(String message) {
        super(message);
    }

    public BlobUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
