package io.intinode.transfer.blob;

import io.intinode.transfer.TransferException;

/** No upload slot came free in time; the request's stream is reset. */
public class UploadBusyException extends TransferException {
    public UploadBusyException(String message) {
        super(message);
    }
}
