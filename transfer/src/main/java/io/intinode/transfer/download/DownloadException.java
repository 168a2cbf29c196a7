package io.intinode.transfer.download;

import io.intinode.store.Digest;
import io.intinode.transfer.TransferException;
import java.util.List;

/** No source delivered the blob; the message says what went wrong with each attempt. */
public final class DownloadException extends TransferException {
    private final Digest digest;

    public DownloadException(Digest digest, List<String> reasons) {
        super("cannot download " + digest + " from peers: "
                + (reasons.isEmpty() ? "no source" : String.join("; ", reasons)));
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
