package io.intinode.transfer.download;

import io.intinode.store.Digest;
import io.intinode.transfer.TransferException;

/** The downloading thread was interrupted; the chunks verified so far are kept for a later resume. */
public final class DownloadInterruptedException extends TransferException {
    public DownloadInterruptedException(Digest digest) {
        super("download of " + digest + " interrupted; verified chunks are kept for resuming");
    }
}
