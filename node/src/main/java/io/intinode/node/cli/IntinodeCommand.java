package io.intinode.node.cli;

import java.nio.file.Path;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code intinode} command: global options and the list of subcommands. */
@Command(
        name = "intinode",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Peer-to-peer, content-addressed blob distribution: skinny trees of stub files whose"
                + " content lives once per host in a verified cache.",
        subcommands = {
            CommandLine.HelpCommand.class,
            AddCommand.class,
            CacheCommand.class,
            StubCommand.class,
            GetCommand.class,
            CatCommand.class,
            SkinnyCommand.class,
            HydrateCommand.class,
            CanonCommand.class,
            IdCommand.class,
            PingCommand.class,
            NodeCommand.class,
            DhtCommand.class,
            PeersCommand.class,
            ShareCommand.class,
            StatusCommand.class,
            ProvidersCommand.class,
        })
public final class IntinodeCommand {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (cache, index, identity). Default: $INTINODE_DATA, else"
                    + " $XDG_CACHE_HOME/intinode, else ~/.cache/intinode.")
    Path dataDir;

    @Option(names = "--debug", description = "Print stack traces and debug logging.")
    boolean debug;

    public Path dataDir() {
        return dataDir != null ? dataDir : DataDirs.defaultDataDir(System.getenv());
    }

    public boolean debug() {
        return debug;
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new IntinodeCommand());
        ServiceLoader.load(SubcommandProvider.class).forEach(p -> p.subcommands().forEach(cl::addSubcommand));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }
}
