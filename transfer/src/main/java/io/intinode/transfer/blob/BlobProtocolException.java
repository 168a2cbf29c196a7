package io.intinode.transfer.blob;

import io.intinode.transfer.TransferException;

/** A peer broke the blob protocol: malformed, truncated, oversized or unexpected message. */
public class BlobProtocolException extends TransferException {
    public BlobProtocolException(String message) {
        super(message);
    }

    public BlobProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
