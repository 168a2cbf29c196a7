package io.intinode.node.cli;

import picocli.CommandLine.Command;

/** {@code intinode cache unpin REF}. */
@Command(name = "unpin", mixinStandardHelpOptions = true,
        description = "Unpin a blob: it may be evicted again when the cache is over its quota.")
final class CacheUnpinCommand extends CachePinCommand {
    @Override
    boolean pin() {
        return false;
    }
}
