package io.intinode.transfer.resolve;

import io.intinode.store.Digest;
import io.intinode.transfer.TransferException;
import java.util.List;

/** No stage of the chain delivered the blob; the message says what each one tried. */
public final class BlobNotFoundException extends TransferException {
    private final Digest digest;

    public BlobNotFoundException(Digest digest, List<String> reasons) {
        super(digest + " not found" + (reasons.isEmpty()
                ? " in the cache and no URL to fetch it from"
                : ": " + String.join("; ", reasons)));
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
