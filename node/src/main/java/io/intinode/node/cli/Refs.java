package io.intinode.node.cli;

import io.intinode.store.Digest;

/** Parses the blob references users type on the command line. */
final class Refs {
    private Refs() {}

    /** {@code sha256:<64 lowercase hex>}; anything else is a one-line BAD_INPUT error. */
    static Digest digest(String ref) {
        try {
            return Digest.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad reference '" + ref + "': " + e.getMessage());
        }
    }
}
