package io.intinode.transfer.stub;

import io.intinode.transfer.TransferException;

/** A stub file that does not follow docs/stub-format.md; the message names the file and the rule. */
public final class StubFormatException extends TransferException {
    private final String source;

    public StubFormatException(String source, String reason) {
        super(source + ": not a valid stub: " + reason);
        this.source = source;
    }

    public StubFormatException(String source, String reason, Throwable cause) {
        super(source + ": not a valid stub: " + reason, cause);
        this.source = source;
    }

    /** The file (or other origin) the stub was read from. */
    public String source() {
        return source;
    }
}
