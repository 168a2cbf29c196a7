package io.intinode.transfer.webseed;

import io.intinode.store.Digest;
import io.intinode.transfer.TransferException;
import java.util.List;

/** No webseed URL delivered verified content; the message lists what went wrong with each URL. */
public final class WebseedException extends TransferException {
    private final Digest digest;
    private final List<String> failures;

    public WebseedException(Digest digest, List<String> failures) {
        super(failures.isEmpty()
                ? "no webseed URL for " + digest
                : "no webseed delivered " + digest + ": " + String.join("; ", failures));
        this.digest = digest;
        this.failures = List.copyOf(failures);
    }

    public Digest digest() {
        return digest;
    }

    /** One line per URL tried or skipped, in order: {@code <url>: <reason>}. */
    public List<String> failures() {
        return failures;
    }
}
