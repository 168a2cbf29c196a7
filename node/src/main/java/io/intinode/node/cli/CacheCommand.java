package io.intinode.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intinode cache ...}: looks after the local blob cache. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Inspect and look after the local blob cache (<data-dir>/blobs).",
        subcommands = {
            CacheStatsCommand.class,
            CacheLsCommand.class,
            CacheVerifyCommand.class,
            CacheGcCommand.class,
            CachePinCommand.class,
            CacheUnpinCommand.class
        })
final class CacheCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: stats, ls, verify, gc, pin or unpin");
    }
}
